using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Takt.TestKit.HostedVideo;

/// <summary>
/// Runway's API as its SDK describes it: Bearer auth and a required <c>X-Runway-Version: 2024-11-06</c>,
/// <c>POST /v1/image_to_video</c> and <c>/v1/text_to_video</c> answering <c>{"id"}</c>, tasks moving
/// PENDING → THROTTLED → RUNNING (progress 0..1) → SUCCEEDED|FAILED, <c>DELETE /v1/tasks/{id}</c>
/// cancelling, validation errors as <c>{"error","issues":[{message,path}]}</c>, and output URLs that expire.
/// </summary>
public sealed class FakeRunwayServer : FakeVideoServer
{
    public const string Version = "2024-11-06";

    private static readonly Dictionary<string, string[]> ImageRatios = new(StringComparer.Ordinal)
    {
        ["gen4_turbo"] = ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"],
        ["gen3a_turbo"] = ["1280:768", "768:1280"],
    };

    private static readonly string[] TextModels = ["veo3", "veo3.1", "veo3.1_fast"];
    private static readonly string[] TextRatios = ["1280:720", "720:1280", "1080:1920", "1920:1080"];
    private static readonly string[] ImageFields = ["model", "promptImage", "promptText", "ratio", "duration", "seed", "contentModeration"];
    private static readonly string[] TextFields = ["model", "promptText", "ratio", "duration", "seed", "audio"];

    private readonly string _apiKey;

    private FakeRunwayServer(string apiKey, TimeProvider? time)
        : base(time) => _apiKey = apiKey;

    public static async Task<FakeRunwayServer> StartAsync(string apiKey, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var server = new FakeRunwayServer(apiKey, time);
        await server.StartCoreAsync(cancellationToken);
        return server;
    }

    /// <summary>Task ids a DELETE reached.</summary>
    public IReadOnlyList<string> CancelledTaskIds => [.. Jobs.Values.Where(j => j.Cancelled).Select(j => j.Id)];

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/image_to_video", context => CreateAsync(context, "image_to_video"));
        app.MapPost("/v1/text_to_video", context => CreateAsync(context, "text_to_video"));
        app.MapGet("/v1/tasks/{id}", Retrieve);
        app.MapDelete("/v1/tasks/{id}", Cancel);
    }

    private async Task CreateAsync(HttpContext context, string kind)
    {
        var result = Refuse(context) ?? await CreateCoreAsync(context, kind);
        await result.ExecuteAsync(context);
    }

    private async Task<IResult> CreateCoreAsync(HttpContext context, string kind)
    {
        if (Chaos.TakeRateLimit())
        {
            return Json(429, new JsonObject { ["error"] = "You have exceeded the rate limit for this endpoint. Please wait before retrying." }, Chaos.RetryAfterSeconds);
        }

        if (await ReadJsonObjectAsync(context.Request, context.RequestAborted) is not { } body)
        {
            return Json(400, new JsonObject { ["error"] = "Invalid JSON body" });
        }

        var issues = new List<(string Path, string Message)>();
        var image = kind == "image_to_video";
        var allowed = image ? ImageFields : TextFields;
        issues.AddRange(body.Select(f => f.Key).Where(k => !allowed.Contains(k)).Select(k => (k, $"Unrecognized key: \"{k}\"")));
        var model = Text(body, "model");
        string[] ratios;
        if (image)
        {
            ratios = model is not null && ImageRatios.TryGetValue(model, out var r) ? r : [];
            if (ratios.Length == 0)
            {
                issues.Add(("model", $"Invalid enum value. Expected 'gen4_turbo' | 'gen3a_turbo', received '{model}'"));
            }

            ValidatePromptImage(body["promptImage"], model, issues);
        }
        else
        {
            ratios = TextRatios;
            if (model is null || !TextModels.Contains(model))
            {
                issues.Add(("model", $"Invalid enum value. Expected 'veo3' | 'veo3.1' | 'veo3.1_fast', received '{model}'"));
            }

            if (Text(body, "promptText") is not { Length: > 0 })
            {
                issues.Add(("promptText", "Required"));
            }
        }

        if (Text(body, "promptText") is { Length: > 1000 })
        {
            issues.Add(("promptText", "String must contain at most 1000 character(s)"));
        }

        if (Text(body, "ratio") is not { } ratio || (ratios.Length > 0 && !ratios.Contains(ratio)))
        {
            issues.Add(("ratio", $"Invalid enum value. Expected {string.Join(" | ", ratios.Select(x => $"'{x}'"))}, received '{Text(body, "ratio")}'"));
        }

        int[] durations = image ? [5, 10] : [4, 6, 8];
        if (body["duration"] is { } duration && (!Whole(duration, out var d) || !durations.Contains((int)d)))
        {
            issues.Add(("duration", $"Invalid literal value, expected one of {string.Join(", ", durations)}, received {duration.ToJsonString()}"));
        }

        long? seed = null;
        if (body["seed"] is { } seedNode)
        {
            if (!Whole(seedNode, out var s) || s is < 0 or > 4294967295)
            {
                issues.Add(("seed", "Number must be an integer between 0 and 4294967295"));
            }
            else
            {
                seed = s;
            }
        }

        if (issues.Count > 0)
        {
            return Json(400, new JsonObject
            {
                ["error"] = "Validation of body failed",
                ["issues"] = new JsonArray([.. issues.Select(i => (JsonNode)new JsonObject { ["message"] = i.Message, ["path"] = new JsonArray(i.Path) })]),
            });
        }

        var job = AddJob(Guid.NewGuid().ToString(), kind, model!, Text(body, "promptText") ?? "", seed: seed);
        return Json(200, new JsonObject { ["id"] = job.Id });
    }

    private IResult Retrieve(HttpContext context, string id)
    {
        if (Refuse(context) is { } refused)
        {
            return refused;
        }

        if (!Jobs.TryGetValue(id, out var job))
        {
            return Json(404, new JsonObject { ["error"] = "Task not found" });
        }

        if (Chaos.TakePollRateLimit())
        {
            return Json(429, new JsonObject { ["error"] = "You have exceeded the rate limit for this endpoint. Please wait before retrying." }, Chaos.RetryAfterSeconds);
        }

        if (Chaos.MalformedPolls)
        {
            return MalformedJson();
        }

        var stage = job.Advance(Time.GetUtcNow());
        var body = new JsonObject
        {
            ["id"] = job.Id,
            ["createdAt"] = Time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["status"] = stage switch
            {
                FakeJobStage.Pending => job.Polls % 2 == 0 ? "THROTTLED" : "PENDING",
                FakeJobStage.Running => "RUNNING",
                FakeJobStage.Succeeded => "SUCCEEDED",
                FakeJobStage.Failed => "FAILED",
                _ => "CANCELLED",
            },
        };
        switch (stage)
        {
            case FakeJobStage.Running:
                body["progress"] = job.Progress;
                break;
            case FakeJobStage.Succeeded:
                body["output"] = new JsonArray(ResultUrl(job));
                break;
            case FakeJobStage.Failed:
                body["failure"] = "Your prompt was flagged by our content moderation system.";
                body["failureCode"] = "SAFETY.INPUT.TEXT";
                break;
        }

        return Json(200, body);
    }

    private IResult Cancel(HttpContext context, string id)
    {
        if (Refuse(context) is { } refused)
        {
            return refused;
        }

        if (!Jobs.TryGetValue(id, out var job))
        {
            return Json(404, new JsonObject { ["error"] = "Task not found" });
        }

        job.Cancel();
        return Results.NoContent();
    }

    private IResult? Refuse(HttpContext context)
    {
        var version = context.Request.Headers["X-Runway-Version"].ToString();
        if (version.Length == 0)
        {
            return Json(400, new JsonObject { ["error"] = "The X-Runway-Version header is required. Use 2024-11-06." });
        }

        if (!string.Equals(version, Version, StringComparison.Ordinal))
        {
            return Json(400, new JsonObject { ["error"] = $"Unsupported API version '{version}'. Use 2024-11-06." });
        }

        return string.Equals(context.Request.Headers.Authorization.ToString(), $"Bearer {_apiKey}", StringComparison.Ordinal)
            ? null
            : Json(401, new JsonObject { ["error"] = "Invalid API key. Check the key is correct and has not been disabled." });
    }

    private static void ValidatePromptImage(JsonNode? node, string? model, List<(string, string)> issues)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var uri):
                if (UriProblem(uri) is { } problem)
                {
                    issues.Add(("promptImage", problem));
                }

                break;
            case JsonArray list:
                foreach (var entry in list)
                {
                    var position = entry?["position"] is JsonValue p && p.TryGetValue<string>(out var pos) ? pos : null;
                    if (position is not ("first" or "last"))
                    {
                        issues.Add(("promptImage", "position must be 'first' or 'last'"));
                    }
                    else if (position == "last" && !string.Equals(model, "gen3a_turbo", StringComparison.Ordinal))
                    {
                        issues.Add(("promptImage", $"position 'last' is only supported by gen3a_turbo, not {model}"));
                    }

                    if (UriProblem(entry?["uri"] is JsonValue u && u.TryGetValue<string>(out var entryUri) ? entryUri : null) is { } entryProblem)
                    {
                        issues.Add(("promptImage", entryProblem));
                    }
                }

                break;
            default:
                issues.Add(("promptImage", "Required"));
                break;
        }
    }

    private static string? UriProblem(string? uri)
    {
        if (uri is null)
        {
            return "Required";
        }

        if (uri.StartsWith("https://", StringComparison.Ordinal))
        {
            return null;
        }

        const string png = "data:image/png;base64,", jpeg = "data:image/jpeg;base64,";
        var prefix = uri.StartsWith(png, StringComparison.Ordinal) ? png : uri.StartsWith(jpeg, StringComparison.Ordinal) ? jpeg : null;
        if (prefix is null)
        {
            return "Invalid url: expected an HTTPS URL or a data URI of a PNG, JPEG or WebP image";
        }

        try
        {
            return Convert.FromBase64String(uri[prefix.Length..]) is [0x89, (byte)'P', ..] or [0xFF, 0xD8, ..] ? null : "The data URI does not hold the image type it declares";
        }
        catch (FormatException)
        {
            return "Invalid data URI: not base64";
        }
    }

    private static bool Whole(JsonNode node, out long value)
    {
        value = 0;
        if (node is JsonValue v && v.TryGetValue<double>(out var d) && d == Math.Floor(d) && !double.IsInfinity(d))
        {
            value = (long)d;
            return true;
        }

        return false;
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
