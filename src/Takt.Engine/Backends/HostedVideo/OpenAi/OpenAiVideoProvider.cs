using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Takt.Engine.Backends.HostedVideo.OpenAi;

/// <summary>
/// OpenAI's videos API (Sora): <c>POST /v1/videos</c> (JSON, or multipart when an
/// <c>input_reference</c> image goes along), <c>GET /v1/videos/{id}</c> until completed or failed,
/// <c>GET /v1/videos/{id}/content</c> for the MP4, plus remix and extensions. There is no seed
/// and no cancel for a running job (DELETE removes a finished video only), so an abandoned job
/// is left to finish remotely.
/// </summary>
internal sealed class OpenAiVideoProvider : IVideoProvider
{
    public static readonly Uri DefaultBase = new("https://api.openai.com/");

    /// <summary>The official SDK polls every second unless the server's <c>openai-poll-after-ms</c> says otherwise.</summary>
    public static readonly TimeSpan PollCadence = TimeSpan.FromSeconds(1);

    private const string PollAfterHeader = "openai-poll-after-ms";

    public OpenAiVideoProvider(HttpClient http, Uri baseUri, ApiSecret secret, TimeProvider time) =>
        Http = new ProviderHttp(http, baseUri, "openai", _ => ValueTask.FromResult(new AuthenticationHeaderValue("Bearer", secret.Get())), MapError, time);

    public string Kind => HostedVideoBackend.OpenAiKind;

    public string LineageName => "openai";

    public ProviderHttp Http { get; }

    public IReadOnlyList<VideoOperation> Operations { get; } =
        [VideoOperation.TextToVideo, VideoOperation.ImageToVideo, VideoOperation.Extend, VideoOperation.Remix];

    public bool SupportsSeed => false;

    public bool SupportsNegativePrompt => false;

    public bool SupportsEndImage => false;

    public bool CanCancel => false;

    public string DefaultModel(VideoOperation operation) => "sora-2";

    public async Task<RemoteTask> SubmitAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        var reply = request.Operation switch
        {
            VideoOperation.TextToVideo => await Http.SendAsync(HttpMethod.Post, "v1/videos", JsonContent.Create(CreateFields(request)), cancellationToken),
            VideoOperation.ImageToVideo => await Http.SendAsync(HttpMethod.Post, "v1/videos", Multipart(request), cancellationToken),
            VideoOperation.Extend => await Http.SendAsync(HttpMethod.Post, "v1/videos/extensions", JsonContent.Create(ExtendFields(request)), cancellationToken),
            VideoOperation.Remix => await Http.SendAsync(
                HttpMethod.Post, $"v1/videos/{Uri.EscapeDataString(request.Source!.TaskId)}/remix",
                JsonContent.Create(new JsonObject { ["prompt"] = request.Prompt }), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Operation, null),
        };
        var id = Json.String(reply.Body, "openai", "id");
        return new RemoteTask(id, $"v1/videos/{Uri.EscapeDataString(id)}");
    }

    public async Task<RemoteTaskPoll> PollAsync(RemoteTask task, CancellationToken cancellationToken)
    {
        var reply = await Http.SendAsync(HttpMethod.Get, task.PollPath, null, cancellationToken);
        var body = reply.Body;
        var pollAfter = reply.Headers.TryGetValues(PollAfterHeader, out var values)
            && int.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
                ? TimeSpan.FromMilliseconds(ms)
                : (TimeSpan?)null;
        var progress = Json.OptionalNumber(body, "progress");
        return Json.String(body, "openai", "status") switch
        {
            "queued" => new RemoteTaskPoll(RemoteTaskState.Pending, progress, 100, PollAfter: pollAfter),
            "in_progress" => new RemoteTaskPoll(RemoteTaskState.Running, progress, 100, PollAfter: pollAfter),
            "completed" => new RemoteTaskPoll(RemoteTaskState.Succeeded, 100, 100),
            "failed" => Failed(body),
            var other => throw Json.Malformed("openai", "status", $"queued, in_progress, completed or failed (not '{other}')"),
        };
    }

    public Task CancelAsync(RemoteTask task, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<HttpResponseMessage> OpenResultAsync(RemoteTask task, RemoteTaskPoll done, CancellationToken cancellationToken) =>
        await Http.GetStreamAsync(Http.Resolve($"{task.PollPath}/content"), authorized: true, cancellationToken);

    private static RemoteTaskPoll Failed(JsonElement body)
    {
        var code = Json.OptionalString(body, "error.code");
        var message = Json.OptionalString(body, "error.message") ?? "no message";
        // Only OpenAI's own faults are worth a second (paid) attempt; moderation and bad input are not.
        var transient = code is "internal_error" or "server_error";
        return new RemoteTaskPoll(RemoteTaskState.Failed, Failure: code is null ? message : $"{message} ({code})", FailureTransient: transient);
    }

    private static JsonObject CreateFields(VideoRequest request)
    {
        var fields = new JsonObject { ["model"] = request.Model, ["prompt"] = request.Prompt };
        if (request.Duration is { } duration)
        {
            fields["seconds"] = VideoSize.Seconds(duration);
        }

        if (request.Size is { } size)
        {
            fields["size"] = VideoSize.ToTimes(size);
        }

        return fields;
    }

    private static JsonObject ExtendFields(VideoRequest request)
    {
        var fields = new JsonObject { ["video"] = new JsonObject { ["id"] = request.Source!.TaskId }, ["prompt"] = request.Prompt };
        if (request.Duration is { } duration)
        {
            fields["seconds"] = VideoSize.Seconds(duration);
        }

        return fields;
    }

    private static MultipartFormDataContent Multipart(VideoRequest request)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in CreateFields(request))
        {
            form.Add(new StringContent(value!.GetValue<string>()), name);
        }

        var image = new ByteArrayContent(request.Image!.Bytes);
        image.Headers.ContentType = new MediaTypeHeaderValue(request.Image.MediaType);
        var extension = request.Image.MediaType switch { "image/jpeg" => "jpg", "image/webp" => "webp", _ => "png" };
        form.Add(image, "input_reference", $"input.{extension}");
        return form;
    }

    private static BackendException MapError(HttpStatusCode status, JsonElement? body, string text, TimeSpan? retryAfter)
    {
        var message = body is { } b ? Json.OptionalString(b, "error.message") : null;
        var code = body is { } c ? Json.OptionalString(c, "error.code") ?? Json.OptionalString(c, "error.type") : null;
        var detail = message is null ? $"'{ProviderHttp.Snippet(text)}'" : code is null ? message : $"{message} ({code})";
        return new BackendException($"openai: HTTP {(int)status}: {detail}", ProviderHttp.IsTransient(status), retryAfter: retryAfter);
    }
}
