using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Takt.Engine.Backends.HostedVideo.Kling;

/// <summary>
/// Kling's video API: <c>POST /v1/videos/text2video|image2video|video-extend</c>, then
/// <c>GET /v1/videos/&lt;kind&gt;/{task_id}</c> until <c>succeed</c> or <c>failed</c>; every reply is
/// the envelope <c>{code, message, request_id, data}</c> with <c>code</c> 0 on success. Images go
/// as raw base64 (no data: prefix). No seed, no cancel. The result URL is pre-signed and
/// fetched without our token.
/// </summary>
internal sealed class KlingVideoProvider : IVideoProvider
{
    public static readonly Uri DefaultBase = new("https://api-singapore.klingai.com/");

    /// <summary>Kling documents no cadence; ComfyUI's Kling nodes poll every 16 s. Five seconds is polite and still prompt.</summary>
    public static readonly TimeSpan PollCadence = TimeSpan.FromSeconds(5);

    public KlingVideoProvider(HttpClient http, Uri baseUri, ApiSecret secret, SecretRedactor redactor, TimeProvider time)
    {
        var token = new KlingToken(secret, redactor, time);
        Http = new ProviderHttp(http, baseUri, "kling", _ => ValueTask.FromResult(token.Header()), MapError, time);
    }

    public string Kind => HostedVideoBackend.KlingKind;

    public string LineageName => "kling";

    public ProviderHttp Http { get; }

    public IReadOnlyList<VideoOperation> Operations { get; } = [VideoOperation.TextToVideo, VideoOperation.ImageToVideo, VideoOperation.Extend];

    public bool SupportsSeed => false;

    public bool SupportsNegativePrompt => true;

    public bool SupportsEndImage => true;

    public bool CanCancel => false;

    public string DefaultModel(VideoOperation operation) => "kling-v2-1";

    public async Task<RemoteTask> SubmitAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        var (kind, fields) = request.Operation switch
        {
            VideoOperation.TextToVideo => ("text2video", Common(request, withSize: true)),
            VideoOperation.ImageToVideo => ("image2video", WithImages(Common(request, withSize: false), request)),
            VideoOperation.Extend => ("video-extend", Extend(request)),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Operation, null),
        };
        var reply = await Http.SendAsync(HttpMethod.Post, $"v1/videos/{kind}", JsonContent.Create(fields), cancellationToken);
        var id = Json.String(Data(reply.Body), "kling", "task_id");
        return new RemoteTask(id, $"v1/videos/{kind}/{Uri.EscapeDataString(id)}");
    }

    public async Task<RemoteTaskPoll> PollAsync(RemoteTask task, CancellationToken cancellationToken)
    {
        var data = Data((await Http.SendAsync(HttpMethod.Get, task.PollPath, null, cancellationToken)).Body);
        return Json.String(data, "kling", "task_status") switch
        {
            "submitted" => new RemoteTaskPoll(RemoteTaskState.Pending),
            "processing" => new RemoteTaskPoll(RemoteTaskState.Running),
            "succeed" => new RemoteTaskPoll(
                RemoteTaskState.Succeeded,
                ResultUrl: Http.Resolve(Json.String(data, "kling", "task_result.videos.0.url")),
                VideoId: Json.String(data, "kling", "task_result.videos.0.id")),
            "failed" => new RemoteTaskPoll(RemoteTaskState.Failed, Failure: Json.OptionalString(data, "task_status_msg") is { Length: > 0 } m ? m : null),
            var other => throw Json.Malformed("kling", "data.task_status", $"submitted, processing, succeed or failed (not '{other}')"),
        };
    }

    public Task CancelAsync(RemoteTask task, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<HttpResponseMessage> OpenResultAsync(RemoteTask task, RemoteTaskPoll done, CancellationToken cancellationToken) =>
        Http.GetStreamAsync(done.ResultUrl!, authorized: false, cancellationToken);

    private static JsonElement Data(JsonElement body)
    {
        // Kling can answer HTTP 200 with a non-zero code; treat it like the error it is.
        if (Json.Find(body, "code") is { ValueKind: JsonValueKind.Number } code && code.GetInt32() != 0)
        {
            throw FromCode(HttpStatusCode.OK, code.GetInt32(), Json.OptionalString(body, "message"), Json.OptionalString(body, "request_id"), null);
        }

        return Json.Find(body, "data") is { ValueKind: JsonValueKind.Object } data ? data : throw Json.Malformed("kling", "data", "an object");
    }

    private static JsonObject Common(VideoRequest request, bool withSize)
    {
        var fields = new JsonObject { ["model_name"] = request.Model, ["prompt"] = request.Prompt };
        if (request.NegativePrompt is { } negative)
        {
            fields["negative_prompt"] = negative;
        }

        if (request.Duration is { } duration)
        {
            fields["duration"] = VideoSize.Seconds(duration);
        }

        if (withSize && request.Size is { } size)
        {
            fields["aspect_ratio"] = VideoSize.ToAspect(size);
        }

        return fields;
    }

    private static JsonObject WithImages(JsonObject fields, VideoRequest request)
    {
        fields["image"] = request.Image!.Base64;
        if (request.EndImage is { } tail)
        {
            fields["image_tail"] = tail.Base64;
        }

        return fields;
    }

    private static JsonObject Extend(VideoRequest request)
    {
        var videoId = request.Source!.VideoId
            ?? throw new BackendException("kling: the input video carries no Kling video id (videos[].id) to extend", transient: false);
        var fields = new JsonObject { ["video_id"] = videoId };
        if (request.Prompt.Length > 0)
        {
            fields["prompt"] = request.Prompt;
        }

        if (request.NegativePrompt is { } negative)
        {
            fields["negative_prompt"] = negative;
        }

        return fields;
    }

    private static BackendException MapError(HttpStatusCode status, JsonElement? body, string text, TimeSpan? retryAfter) =>
        body is { } b && Json.Find(b, "code") is { ValueKind: JsonValueKind.Number } code
            ? FromCode(status, code.GetInt32(), Json.OptionalString(b, "message"), Json.OptionalString(b, "request_id"), retryAfter)
            : new BackendException($"kling: HTTP {(int)status}: '{ProviderHttp.Snippet(text)}'", ProviderHttp.IsTransient(status), retryAfter: retryAfter);

    /// <summary>Kling's error codes decide, not the HTTP status: 1100–1102 come as 429 but are account problems no retry fixes.</summary>
    private static BackendException FromCode(HttpStatusCode status, int code, string? message, string? requestId, TimeSpan? retryAfter)
    {
        var (what, transient) = code switch
        {
            >= 1000 and <= 1004 => ("authentication failed", false),
            >= 1100 and <= 1102 => ("account problem", false),
            >= 1200 and <= 1203 => ("invalid request", false),
            >= 1300 and <= 1301 => ("refused by content policy", false),
            >= 1302 and <= 1303 => ("rate limited", true),
            >= 5000 => ("server error", true),
            _ => ("error", ProviderHttp.IsTransient(status)),
        };
        var request = requestId is null ? "" : $", request {requestId}";
        return new BackendException($"kling: {what} (HTTP {(int)status}, code {code}{request}): {message ?? "no message"}", transient, retryAfter: transient ? retryAfter : null);
    }
}
