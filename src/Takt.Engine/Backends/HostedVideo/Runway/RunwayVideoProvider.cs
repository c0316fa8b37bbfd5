using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Takt.Engine.Backends.HostedVideo.Runway;

/// <summary>
/// Runway's API (version 2024-11-06): <c>POST /v1/text_to_video</c> or <c>/v1/image_to_video</c>
/// returns a task id; <c>GET /v1/tasks/{id}</c> moves through PENDING, THROTTLED, RUNNING to
/// SUCCEEDED (output URLs, valid 24–48 h) or FAILED/CANCELLED (failure, failureCode);
/// <c>DELETE /v1/tasks/{id}</c> cancels. Images go as data URIs; an end frame is the
/// <c>promptImage</c> entry at position <c>last</c>. Seeds are honoured (similar, not identical, results).
/// </summary>
internal sealed class RunwayVideoProvider : IVideoProvider
{
    public static readonly Uri DefaultBase = new("https://api.dev.runwayml.com/");

    /// <summary>Runway: "Consumers of this API should not expect updates more frequent than once every five seconds."</summary>
    public static readonly TimeSpan PollCadence = TimeSpan.FromSeconds(5);

    public const string ApiVersion = "2024-11-06";

    public RunwayVideoProvider(HttpClient http, Uri baseUri, ApiSecret secret, TimeProvider time) =>
        Http = new ProviderHttp(
            http, baseUri, "runway", _ => ValueTask.FromResult(new AuthenticationHeaderValue("Bearer", secret.Get())), MapError, time,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["X-Runway-Version"] = ApiVersion });

    public string Kind => HostedVideoBackend.RunwayKind;

    public string LineageName => "runway";

    public ProviderHttp Http { get; }

    public IReadOnlyList<VideoOperation> Operations { get; } = [VideoOperation.TextToVideo, VideoOperation.ImageToVideo];

    public bool SupportsSeed => true;

    public bool SupportsNegativePrompt => false;

    public bool SupportsEndImage => true;

    public bool CanCancel => true;

    public string DefaultModel(VideoOperation operation) => operation == VideoOperation.ImageToVideo ? "gen4_turbo" : "veo3.1";

    public async Task<RemoteTask> SubmitAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        var fields = new JsonObject
        {
            ["model"] = request.Model,
            ["promptText"] = request.Prompt,
            ["ratio"] = VideoSize.ToColon(request.Size ?? "1280:720"),
        };
        if (request.Duration is { } duration)
        {
            fields["duration"] = duration;
        }

        if (request.Seed is { } seed)
        {
            fields["seed"] = seed;
        }

        var path = "v1/text_to_video";
        if (request.Operation == VideoOperation.ImageToVideo)
        {
            path = "v1/image_to_video";
            fields["promptImage"] = request.EndImage is { } last
                ? new JsonArray(
                    new JsonObject { ["uri"] = request.Image!.DataUri, ["position"] = "first" },
                    new JsonObject { ["uri"] = last.DataUri, ["position"] = "last" })
                : request.Image!.DataUri;
        }

        var reply = await Http.SendAsync(HttpMethod.Post, path, JsonContent.Create(fields), cancellationToken);
        var id = Json.String(reply.Body, "runway", "id");
        return new RemoteTask(id, $"v1/tasks/{Uri.EscapeDataString(id)}");
    }

    public async Task<RemoteTaskPoll> PollAsync(RemoteTask task, CancellationToken cancellationToken)
    {
        var body = (await Http.SendAsync(HttpMethod.Get, task.PollPath, null, cancellationToken)).Body;
        return Json.String(body, "runway", "status") switch
        {
            "PENDING" or "THROTTLED" => new RemoteTaskPoll(RemoteTaskState.Pending, 0),
            "RUNNING" => new RemoteTaskPoll(RemoteTaskState.Running, Json.OptionalNumber(body, "progress")),
            "SUCCEEDED" => new RemoteTaskPoll(RemoteTaskState.Succeeded, 1, ResultUrl: Http.Resolve(Json.String(body, "runway", "output.0"))),
            "FAILED" => Failed(body),
            "CANCELLED" => new RemoteTaskPoll(RemoteTaskState.Failed, Failure: "the task was cancelled on Runway's side"),
            var other => throw Json.Malformed("runway", "status", $"PENDING, THROTTLED, RUNNING, SUCCEEDED, FAILED or CANCELLED (not '{other}')"),
        };
    }

    public async Task CancelAsync(RemoteTask task, CancellationToken cancellationToken)
    {
        // DELETE answers 204 with no body; SendAsync wants JSON, so read the status here.
        using var request = new HttpRequestMessage(HttpMethod.Delete, Http.Resolve(task.PollPath));
        request.Headers.TryAddWithoutValidation("X-Runway-Version", ApiVersion);
        using var response = await Http.SendWithAuthAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            throw new BackendException($"runway: cancelling task {task.Id} answered HTTP {(int)response.StatusCode}", ProviderHttp.IsTransient(response.StatusCode));
        }
    }

    public Task<HttpResponseMessage> OpenResultAsync(RemoteTask task, RemoteTaskPoll done, CancellationToken cancellationToken) =>
        Http.GetStreamAsync(done.ResultUrl!, authorized: false, cancellationToken);

    private static RemoteTaskPoll Failed(JsonElement body)
    {
        var failure = Json.OptionalString(body, "failure") ?? "no reason given";
        var code = Json.OptionalString(body, "failureCode");
        // Runway marks its own faults INTERNAL.*, which are worth another try; SAFETY.*, ASSET.* and input errors are not.
        var transient = code?.StartsWith("INTERNAL", StringComparison.Ordinal) == true;
        return new RemoteTaskPoll(RemoteTaskState.Failed, Failure: code is null ? failure : $"{failure} ({code})", FailureTransient: transient);
    }

    private static BackendException MapError(HttpStatusCode status, JsonElement? body, string text, TimeSpan? retryAfter)
    {
        var message = body is { } b ? Json.OptionalString(b, "error") : null;
        var issues = body is { } i && Json.Find(i, "issues") is { ValueKind: JsonValueKind.Array } list
            ? string.Join("; ", list.EnumerateArray().Select(e => Json.OptionalString(e, "message")).OfType<string>())
            : "";
        var detail = message is null ? $"'{ProviderHttp.Snippet(text)}'" : issues.Length > 0 ? $"{message}: {issues}" : message;
        return new BackendException($"runway: HTTP {(int)status}: {detail}", ProviderHttp.IsTransient(status), retryAfter: retryAfter);
    }
}
