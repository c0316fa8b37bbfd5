using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Takt.TestKit.HostedVideo;

/// <summary>
/// What the three hosted-video fakes share: a loopback Kestrel server, a real MP4 made with ffmpeg
/// at start, the jobs, result files that expire, the chaos knobs and a log of every request.
/// Each subclass speaks its provider's protocol: paths, auth, field validation, error shapes.
/// </summary>
public abstract class FakeVideoServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, (FakeVideoJob Job, DateTimeOffset Expires)> _files = new(StringComparer.Ordinal);
    private LoopbackServer? _server;

    protected FakeVideoServer(TimeProvider? time) => Time = time ?? TimeProvider.System;

    public Uri BaseUri => _server?.BaseUri ?? throw new InvalidOperationException("the fake has not started");

    public VideoChaos Chaos { get; } = new();

    /// <summary>The MP4 every finished job serves.</summary>
    public byte[] Video { get; private set; } = [];

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public ConcurrentDictionary<string, FakeVideoJob> Jobs { get; } = new(StringComparer.Ordinal);

    protected TimeProvider Time { get; }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        Video = await TestMedia.Mp4Async(cancellationToken);
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.Use(RecordAsync);
            Map(app);
            app.MapGet("/files/{name}", ServeFileAsync);
        }, cancellationToken);
    }

    protected abstract void Map(WebApplication app);

    /// <summary>What an expired result URL answers (S3 or CloudFront style 403, or a 404).</summary>
    protected virtual int ExpiredStatus => StatusCodes.Status403Forbidden;

    protected FakeVideoJob AddJob(string id, string kind, string model, string prompt, string? sourceId = null, long? seed = null)
    {
        var job = new FakeVideoJob(id, kind, model, prompt, Chaos.FailJobs, Chaos.HangJobs, Chaos.PollsUntilDone) { SourceId = sourceId, Seed = seed };
        Jobs[id] = job;
        return job;
    }

    /// <summary>A pre-signed-looking URL for a finished job's video, valid for <see cref="VideoChaos.ResultLifetime"/>.</summary>
    protected string ResultUrl(FakeVideoJob job)
    {
        var token = $"{job.Id}-{Guid.NewGuid():N}";
        _files[token] = (job, Time.GetUtcNow() + Chaos.ResultLifetime);
        return new Uri(BaseUri, $"files/{token}.mp4?X-Amz-Signature={Guid.NewGuid():N}").AbsoluteUri;
    }

    protected async Task WriteVideoAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "video/mp4";
        switch (Chaos.Download)
        {
            case DownloadFault.CutOff:
                response.ContentLength = Video.Length;
                await response.Body.WriteAsync(Video.AsMemory(0, Video.Length / 2), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                // Let the headers and the first half reach the client before the connection drops,
                // as when a CDN connection dies mid-body (a hang guard, not a timing assertion).
                await Task.Delay(TimeSpan.FromMilliseconds(100), context.RequestAborted);
                context.Abort();
                break;
            case DownloadFault.ShortChunked:
                await response.Body.WriteAsync(Video.AsMemory(0, Video.Length / 2), context.RequestAborted);
                break;
            default:
                response.ContentLength = Video.Length;
                await response.Body.WriteAsync(Video, context.RequestAborted);
                break;
        }
    }

    protected static async Task<JsonObject?> ReadJsonObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected static IResult Json(int status, JsonNode body, int? retryAfterSeconds = null, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        new JsonReplyResult(status, body.ToJsonString(), retryAfterSeconds, headers);

    /// <summary>A 200 whose body claims to be JSON and is not (a proxy's truncated reply).</summary>
    protected static IResult MalformedJson() => new JsonReplyResult(200, """{"id": "x", "status": "in_progress", "progress": 4""", null, null);

    private async Task ServeFileAsync(HttpContext context, string name)
    {
        var token = name.EndsWith(".mp4", StringComparison.Ordinal) ? name[..^4] : name;
        if (!_files.TryGetValue(token, out var file) || Time.GetUtcNow() > file.Expires)
        {
            context.Response.StatusCode = ExpiredStatus;
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", context.RequestAborted);
            return;
        }

        await WriteVideoAsync(context);
    }

    private async Task RecordAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        request.Body.Position = 0;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "", request.Headers.Authorization.FirstOrDefault(), request.ContentType, body, headers));
        await next();
    }

    private sealed class JsonReplyResult(int status, string body, int? retryAfterSeconds, IEnumerable<KeyValuePair<string, string>>? headers) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "application/json";
            if (retryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            foreach (var (name, value) in headers ?? [])
            {
                response.Headers[name] = value;
            }

            await response.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
