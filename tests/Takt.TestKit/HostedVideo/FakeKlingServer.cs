using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Takt.TestKit.HostedVideo;

/// <summary>
/// Kling's video API as its docs describe it: a JWT (HS256 over the secret key, <c>iss</c> the
/// access key, <c>nbf</c>/<c>exp</c> checked) in a Bearer header, the envelope
/// <c>{code,message,request_id,data}</c> on every reply, error codes by range (1000–1004 auth,
/// 1200–1203 parameters, 1301 content policy, 1302 rate limit), tasks moving
/// submitted → processing → succeed|failed, raw-base64 images, and pre-signed result URLs that expire.
/// </summary>
public sealed partial class FakeKlingServer : FakeVideoServer
{
    public static readonly IReadOnlyList<string> Models = ["kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1", "kling-v2-1-master", "kling-v2-5-turbo"];
    private static readonly string[] Durations = ["5", "10"];
    private static readonly string[] Aspects = ["16:9", "9:16", "1:1"];
    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        ["text2video"] = ["model_name", "prompt", "negative_prompt", "cfg_scale", "mode", "aspect_ratio", "duration", "camera_control", "callback_url", "external_task_id"],
        ["image2video"] = ["model_name", "image", "image_tail", "prompt", "negative_prompt", "cfg_scale", "mode", "static_mask", "dynamic_masks", "duration", "callback_url", "external_task_id"],
        ["video-extend"] = ["video_id", "prompt", "negative_prompt", "cfg_scale", "callback_url"],
    };

    private readonly string _accessKey;
    private readonly byte[] _secretKey;
    private readonly ConcurrentQueue<string> _tokens = new();

    private FakeKlingServer(string accessKey, string secretKey, TimeProvider? time)
        : base(time)
    {
        _accessKey = accessKey;
        _secretKey = Encoding.UTF8.GetBytes(secretKey);
    }

    /// <summary>Create calls answer HTTP 400 with code 1301 (content security policy).</summary>
    public bool RefusePrompts { get; set; }

    /// <summary>Every bearer token presented, valid or not, so a test can look for it where it must not be.</summary>
    public IReadOnlyList<string> Tokens => [.. _tokens];

    public static async Task<FakeKlingServer> StartAsync(string accessKey, string secretKey, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var server = new FakeKlingServer(accessKey, secretKey, time);
        await server.StartCoreAsync(cancellationToken);
        return server;
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/videos/{kind}", CreateAsync);
        app.MapGet("/v1/videos/{kind}/{taskId}", Query);
    }

    private async Task<IResult> CreateAsync(HttpContext context, string kind)
    {
        if (Unauthorized(context) is { } refused)
        {
            return refused;
        }

        if (!Fields.TryGetValue(kind, out var allowed))
        {
            return Envelope(404, 1203, $"Unsupported endpoint: {kind}");
        }

        if (Chaos.TakeRateLimit())
        {
            return Envelope(429, 1302, "The API request is too fast, please slow down the request rate", retryAfter: Chaos.RetryAfterSeconds);
        }

        if (await ReadJsonObjectAsync(context.Request, context.RequestAborted) is not { } body)
        {
            return Envelope(400, 1200, "Invalid request: the body is not valid JSON");
        }

        if (body.Select(f => f.Key).FirstOrDefault(k => !allowed.Contains(k)) is { } unknown)
        {
            return Envelope(400, 1201, $"Invalid request parameters: unknown field '{unknown}'");
        }

        if (Validate(kind, body) is { } invalid)
        {
            return invalid;
        }

        if (RefusePrompts)
        {
            return Envelope(400, 1301, "Trigger the content security policy, please check your prompt or image");
        }

        var model = Text(body, "model_name") ?? "kling-v1";
        var job = AddJob(Guid.NewGuid().ToString("N"), kind, model, Text(body, "prompt") ?? "", sourceId: Text(body, "video_id"));
        return Envelope(200, 0, "SUCCEED", TaskData(job));
    }

    private IResult Query(HttpContext context, string kind, string taskId)
    {
        if (Unauthorized(context) is { } refused)
        {
            return refused;
        }

        if (!Jobs.TryGetValue(taskId, out var job) || !string.Equals(job.Kind, kind, StringComparison.Ordinal))
        {
            return Envelope(404, 1203, $"Task not found: {taskId}");
        }

        if (Chaos.TakePollRateLimit())
        {
            return Envelope(429, 1302, "The API request is too fast, please slow down the request rate", retryAfter: Chaos.RetryAfterSeconds);
        }

        if (Chaos.MalformedPolls)
        {
            return MalformedJson();
        }

        job.Advance(Time.GetUtcNow());
        return Envelope(200, 0, "SUCCEED", TaskData(job));
    }

    private JsonObject TaskData(FakeVideoJob job)
    {
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        var data = new JsonObject
        {
            ["task_id"] = job.Id,
            ["task_status"] = job.Stage switch
            {
                FakeJobStage.Pending => "submitted",
                FakeJobStage.Running => "processing",
                FakeJobStage.Succeeded => "succeed",
                _ => "failed",
            },
            ["task_status_msg"] = job.Stage == FakeJobStage.Failed ? "Failure to pass the risk control system" : "",
            ["task_info"] = new JsonObject(),
            ["created_at"] = now,
            ["updated_at"] = now,
        };
        if (job.Stage == FakeJobStage.Succeeded)
        {
            data["task_result"] = new JsonObject
            {
                ["videos"] = new JsonArray(new JsonObject { ["id"] = job.VideoId, ["url"] = ResultUrl(job), ["duration"] = "1.0" }),
            };
        }

        return data;
    }

    private IResult? Validate(string kind, JsonObject body)
    {
        if (Text(body, "model_name") is { } model && !Models.Contains(model))
        {
            return Envelope(400, 1201, $"Invalid model_name: {model}");
        }

        if (body["duration"] is { } duration && (Text(body, "duration") is not { } d || !Durations.Contains(d)))
        {
            return Envelope(400, 1201, $"Invalid duration: {duration.ToJsonString()}, supported values are \"5\" and \"10\"");
        }

        if (body["aspect_ratio"] is not null && (Text(body, "aspect_ratio") is not { } a || !Aspects.Contains(a)))
        {
            return Envelope(400, 1201, $"Invalid aspect_ratio: {body["aspect_ratio"]!.ToJsonString()}, supported values are 16:9, 9:16 and 1:1");
        }

        foreach (var field in (string[])["prompt", "negative_prompt"])
        {
            if (Text(body, field) is { Length: > 2500 })
            {
                return Envelope(400, 1201, $"{field} must be at most 2500 characters");
            }
        }

        switch (kind)
        {
            case "text2video" when Text(body, "prompt") is not { Length: > 0 }:
                return Envelope(400, 1201, "prompt is required");
            case "image2video":
                foreach (var field in (string[])["image", "image_tail"])
                {
                    if ((field == "image" || body[field] is not null) && ImageProblem(Text(body, field)) is { } problem)
                    {
                        return Envelope(400, 1201, $"Invalid {field}: {problem}");
                    }
                }

                break;
            case "video-extend":
                var videoId = Text(body, "video_id");
                if (videoId is null || !Jobs.Values.Any(j => string.Equals(j.VideoId, videoId, StringComparison.Ordinal) && j.Stage == FakeJobStage.Succeeded))
                {
                    return Envelope(400, 1201, $"Invalid video_id: {videoId ?? "(missing)"} is not a video generated by this account");
                }

                break;
        }

        return null;
    }

    private static string? ImageProblem(string? image)
    {
        if (image is null)
        {
            return "required";
        }

        if (image.StartsWith("data:", StringComparison.Ordinal))
        {
            return "send raw base64 without the data: prefix";
        }

        if (image.StartsWith("http", StringComparison.Ordinal))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(image);
        }
        catch (FormatException)
        {
            return "not base64";
        }

        return bytes is [0x89, (byte)'P', (byte)'N', (byte)'G', ..] or [0xFF, 0xD8, 0xFF, ..] ? null : "only jpg, jpeg and png are supported";
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IResult Envelope(int status, int code, string message, JsonObject? data = null, int? retryAfter = null) =>
        Json(status, new JsonObject { ["code"] = code, ["message"] = message, ["request_id"] = Guid.NewGuid().ToString(), ["data"] = data }, retryAfter);
}
