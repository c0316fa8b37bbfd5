using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Takt.TestKit.HostedVideo;

/// <summary>
/// OpenAI's videos API as its reference and SDK describe it: Bearer auth (401 <c>invalid_api_key</c>
/// echoing a masked key), <c>POST /v1/videos</c> as JSON or multipart with <c>input_reference</c>,
/// polling with <c>openai-poll-after-ms</c>, <c>/content</c>, remix and extensions, error bodies
/// <c>{"error":{message,type,param,code}}</c>, and unknown parameters (such as <c>seed</c>) refused.
/// The real API also insists that an input image matches the requested size; this fake does not.
/// </summary>
public sealed class FakeOpenAiVideoServer : FakeVideoServer
{
    public static readonly IReadOnlyList<string> Models = ["sora-2", "sora-2-pro", "sora-2-2025-10-06", "sora-2-pro-2025-10-06", "sora-2-2025-12-08"];
    private static readonly string[] Seconds = ["4", "8", "12"];
    private static readonly string[] Sizes = ["720x1280", "1280x720", "1024x1792", "1792x1024"];
    private static readonly string[] ProOnlySizes = ["1024x1792", "1792x1024"];
    private static readonly string[] CreateFields = ["prompt", "model", "seconds", "size", "input_reference"];

    private readonly string _apiKey;

    private FakeOpenAiVideoServer(string apiKey, TimeProvider? time)
        : base(time) => _apiKey = apiKey;

    /// <summary>What <c>openai-poll-after-ms</c> says on status replies.</summary>
    public int PollAfterMs { get; set; } = 1000;

    public static async Task<FakeOpenAiVideoServer> StartAsync(string apiKey, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var server = new FakeOpenAiVideoServer(apiKey, time);
        await server.StartCoreAsync(cancellationToken);
        return server;
    }

    protected override int ExpiredStatus => StatusCodes.Status404NotFound;

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/videos", (Delegate)CreateAsync);
        app.MapPost("/v1/videos/extensions", (Delegate)ExtendAsync);
        app.MapPost("/v1/videos/{id}/remix", RemixAsync);
        app.MapGet("/v1/videos/{id}", Retrieve);
        app.MapGet("/v1/videos/{id}/content", ContentAsync);
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        if (Refuse(context) is { } refused)
        {
            return refused;
        }

        var request = context.Request;
        Dictionary<string, JsonNode?> fields;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            fields = form.ToDictionary(f => f.Key, f => (JsonNode?)JsonValue.Create(f.Value.ToString()), StringComparer.Ordinal);
            if (form.Files.GetFile("input_reference") is { } file)
            {
                if (file.ContentType is not ("image/jpeg" or "image/png" or "image/webp"))
                {
                    return Error(400, $"Invalid file format for 'input_reference': {file.ContentType}. Supported formats are image/jpeg, image/png and image/webp.", "input_reference", "invalid_value");
                }

                fields["input_reference"] = JsonValue.Create(file.FileName);
            }
        }
        else if (await ReadJsonObjectAsync(request, context.RequestAborted) is { } json)
        {
            fields = json.ToDictionary(f => f.Key, f => f.Value?.DeepClone(), StringComparer.Ordinal);
        }
        else
        {
            return Error(400, "We could not parse the JSON body of your request.", null, null);
        }

        if (fields.Keys.FirstOrDefault(k => !CreateFields.Contains(k)) is { } unknown)
        {
            return Error(400, $"Unknown parameter: '{unknown}'.", unknown, "unknown_parameter");
        }

        if (Text(fields, "prompt") is not { Length: > 0 } prompt)
        {
            return Error(400, "Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter");
        }

        var model = Text(fields, "model") ?? "sora-2";
        if (!Models.Contains(model))
        {
            return Error(400, $"Invalid value: '{model}'. Supported values are: {string.Join(", ", Models.Select(m => $"'{m}'"))}.", "model", "invalid_value");
        }

        if (fields.TryGetValue("seconds", out var secondsNode) && (secondsNode is not JsonValue v || !v.TryGetValue<string>(out var s) || !Seconds.Contains(s)))
        {
            return Error(400, $"Invalid value: '{secondsNode?.ToJsonString()}'. Supported values are: '4', '8', and '12'.", "seconds", "invalid_value");
        }

        var size = Text(fields, "size") ?? "720x1280";
        if (!Sizes.Contains(size))
        {
            return Error(400, $"Invalid value: '{size}'. Supported values are: {string.Join(", ", Sizes.Select(m => $"'{m}'"))}.", "size", "invalid_value");
        }

        if (ProOnlySizes.Contains(size) && !model.Contains("pro", StringComparison.Ordinal))
        {
            return Error(400, $"Size '{size}' is only available for sora-2-pro.", "size", "invalid_value");
        }

        var job = AddJob(NewId(), "create", model, prompt);
        return Json(200, VideoObject(job, Text(fields, "seconds") ?? "4", size));
    }

    private async Task<IResult> RemixAsync(HttpContext context, string id)
    {
        if (Refuse(context) is { } refused)
        {
            return refused;
        }

        var json = await ReadJsonObjectAsync(context.Request, context.RequestAborted);
        if (json?["prompt"]?.GetValue<string>() is not { Length: > 0 } prompt)
        {
            return Error(400, "Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter");
        }

        if (Finished(id) is not { } source)
        {
            return Error(404, $"Video with id '{id}' not found or not completed.", "video_id", "not_found");
        }

        var job = AddJob(NewId(), "remix", source.Model, prompt, sourceId: source.Id);
        var body = VideoObject(job, "4", "720x1280");
        body["remixed_from_video_id"] = source.Id;
        return Json(200, body);
    }

    private async Task<IResult> ExtendAsync(HttpContext context)
    {
        if (Refuse(context) is { } refused)
        {
            return refused;
        }

        var json = await ReadJsonObjectAsync(context.Request, context.RequestAborted);
        if (json?["video"]?["id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id))
        {
            return Error(400, "Missing required parameter: 'video.id'.", "video", "missing_required_parameter");
        }

        if (json["seconds"] is { } seconds && (seconds is not JsonValue sv || !sv.TryGetValue<string>(out var s) || !Seconds.Contains(s)))
        {
            return Error(400, $"Invalid value: '{seconds.ToJsonString()}'. Supported values are: '4', '8', and '12'.", "seconds", "invalid_value");
        }

        if (Finished(id) is not { } source)
        {
            return Error(404, $"Video with id '{id}' not found or not completed.", "video", "not_found");
        }

        var job = AddJob(NewId(), "extension", source.Model, json["prompt"]?.GetValue<string>() ?? "", sourceId: source.Id);
        return Json(200, VideoObject(job, "8", "720x1280"));
    }

    private IResult Retrieve(HttpContext context, string id)
    {
        if (Unauthorized(context) is { } refused)
        {
            return refused;
        }

        if (!Jobs.TryGetValue(id, out var job))
        {
            return Error(404, $"Video with id '{id}' not found.", "video_id", "not_found");
        }

        if (Chaos.TakePollRateLimit())
        {
            return Json(429, ErrorBody("Rate limit reached for requests per minute.", null, "rate_limit_exceeded", "requests"), Chaos.RetryAfterSeconds);
        }

        if (Chaos.MalformedPolls)
        {
            return MalformedJson();
        }

        job.Advance(Time.GetUtcNow());
        return Json(200, VideoObject(job, "4", "720x1280"), headers: [new("openai-poll-after-ms", PollAfterMs.ToString(CultureInfo.InvariantCulture))]);
    }

    private async Task ContentAsync(HttpContext context, string id)
    {
        if (Unauthorized(context) is { } refused)
        {
            await refused.ExecuteAsync(context);
            return;
        }

        if (!Jobs.TryGetValue(id, out var job) || job.Stage != FakeJobStage.Succeeded)
        {
            await Error(404, $"Video with id '{id}' not found or not completed.", "video_id", "not_found").ExecuteAsync(context);
            return;
        }

        if (Time.GetUtcNow() > job.FinishedAt + Chaos.ResultLifetime)
        {
            await Error(404, $"Video '{id}' has expired.", "video_id", "expired").ExecuteAsync(context);
            return;
        }

        await WriteVideoAsync(context);
    }

    private FakeVideoJob? Finished(string id) => Jobs.TryGetValue(id, out var job) && job.Stage == FakeJobStage.Succeeded ? job : null;

    private IResult? Refuse(HttpContext context) =>
        Unauthorized(context)
        ?? (Chaos.TakeRateLimit()
            ? Json(429, ErrorBody("Rate limit reached for sora-2 in organization org-fake on requests per minute (RPM): Limit 5, Used 5, Requested 1.", null, "rate_limit_exceeded", "requests"), Chaos.RetryAfterSeconds)
            : null);

    private IResult? Unauthorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.Equals(header, $"Bearer {_apiKey}", StringComparison.Ordinal))
        {
            return null;
        }

        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Json(401, ErrorBody("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null, null, "invalid_request_error"));
        }

        // Like the real API: the wrong key comes back masked, first three and last four characters.
        var presented = header["Bearer ".Length..];
        var masked = presented.Length > 8 ? $"{presented[..3]}{new string('*', presented.Length - 7)}{presented[^4..]}" : "****";
        return Json(401, ErrorBody($"Incorrect API key provided: {masked}. You can find your API key at https://platform.openai.com/account/api-keys.", null, "invalid_api_key", "invalid_request_error"));
    }

    private JsonObject VideoObject(FakeVideoJob job, string seconds, string size)
    {
        var status = job.Stage switch
        {
            FakeJobStage.Pending => "queued",
            FakeJobStage.Running => "in_progress",
            FakeJobStage.Succeeded => "completed",
            _ => "failed",
        };
        var body = new JsonObject
        {
            ["id"] = job.Id,
            ["object"] = "video",
            ["model"] = job.Model,
            ["status"] = status,
            ["progress"] = (int)Math.Round(job.Progress * 100),
            ["created_at"] = Time.GetUtcNow().ToUnixTimeSeconds(),
            ["completed_at"] = job.FinishedAt?.ToUnixTimeSeconds(),
            ["expires_at"] = (job.FinishedAt + Chaos.ResultLifetime)?.ToUnixTimeSeconds(),
            ["seconds"] = seconds,
            ["size"] = size,
            ["remixed_from_video_id"] = null,
            ["error"] = null,
        };
        if (job.Stage == FakeJobStage.Failed)
        {
            body["error"] = new JsonObject { ["code"] = "moderation_blocked", ["message"] = "Your request was blocked by our moderation system." };
        }

        return body;
    }

    private static string NewId() => $"video_{Guid.NewGuid():N}";

    private static string? Text(Dictionary<string, JsonNode?> fields, string name) =>
        fields.TryGetValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IResult Error(int status, string message, string? param, string? code) =>
        Json(status, ErrorBody(message, param, code, "invalid_request_error"));

    private static JsonObject ErrorBody(string message, string? param, string? code, string type) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code } };
}
