using System.Security.Cryptography;
using System.Text.Json;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;
using Takt.Engine.Backends.HostedVideo;
using Takt.TestKit.HostedVideo;

namespace Takt.Engine.Tests.Backends.HostedVideo;

public sealed class OpenAiVideoBackendTests : IDisposable
{
    private const string Key = "sk-proj-test-4f9a0c1d2e3b5a6f7081";
    private readonly HostedVideoHarness _harness = new HostedVideoHarness().WithSecret(Key);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task TextToVideo_Completes_StoresMp4AndRecordsUnseededProvenance()
    {
        await using var server = await StartAsync();
        var backend = _harness.Backend(HostedVideoBackend.OpenAiKind, server.BaseUri);

        var result = await backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "a red kite over dunes", duration = 8, size = "1280:720", seed = 7 }),
            _harness.Context, Ct);

        var video = result.Outputs[HostedVideoNodeTypes.VideoPort];
        Assert.Equal(PortType.Video, video.Type);
        Assert.Equal("video/mp4", video.MediaType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(server.Video)), video.ContentHash);
        Assert.Equal(server.Video, await _harness.ReadBlobAsync(video, Ct));
        var job = Assert.Single(server.Jobs.Values);
        Assert.Equal("openai sora-2", result.Provenance.Backend);
        Assert.Equal(SeedSupport.Unsupported, result.Provenance.SeedSupport);
        Assert.Null(result.Provenance.Seed);
        Assert.Equal(job.Id, result.Provenance.RemoteId);
        Assert.Equal(job.Id, RemoteVideoReference.From(video)?.TaskId);
        var details = result.Provenance.Details!.Value;
        Assert.Equal("a red kite over dunes", details.GetProperty("prompt").GetString());
        Assert.Contains("seed", details.GetProperty("ignored")[0].GetString(), StringComparison.Ordinal);
        var create = server.Requests.Single(r => r.Method == "POST");
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal("8", body.RootElement.GetProperty("seconds").GetString());
        Assert.Equal("1280x720", body.RootElement.GetProperty("size").GetString());
        Assert.False(body.RootElement.TryGetProperty("seed", out _));
        Assert.Contains(_harness.Context.ProgressReports, p => p.Max == 100 && p.Value is > 0 and < 100);
    }

    [Fact]
    public async Task ImageToVideo_SendsInputReferenceAsMultipart()
    {
        await using var server = await StartAsync();
        var backend = _harness.Backend(HostedVideoBackend.OpenAiKind, server.BaseUri);
        var png = await TestMedia.PngAsync("testsrc", Ct);
        var image = await _harness.PutImageAsync(png, Ct);

        var result = await backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.ImageToVideo, new { prompt = "the pattern melts" }, new Dictionary<string, PortValue> { ["image"] = image }),
            _harness.Context, Ct);

        var create = server.Requests.Single(r => r.Method == "POST");
        Assert.StartsWith("multipart/form-data", create.ContentType, StringComparison.Ordinal);
        Assert.Contains("name=input_reference", create.Body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: image/png", create.Body, StringComparison.Ordinal);
        Assert.Equal(image.ContentHash, result.Provenance.Details!.Value.GetProperty("image_content_hash").GetString());
    }

    [Fact]
    public async Task ImageToVideo_EndFrame_FailsClearly()
    {
        await using var server = await StartAsync();
        var backend = _harness.Backend(HostedVideoBackend.OpenAiKind, server.BaseUri);
        var image = await _harness.PutImageAsync(await TestMedia.PngAsync("testsrc", Ct), Ct);

        var error = await Assert.ThrowsAsync<BackendException>(() => backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.ImageToVideo, new { prompt = "x" }, new Dictionary<string, PortValue> { ["image"] = image, ["end_image"] = image }),
            _harness.Context, Ct));

        Assert.False(error.Transient);
        Assert.Contains("end frame", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Jobs);
    }

    [Fact]
    public async Task RemixAndExtend_ReferenceTheEarlierVideoById()
    {
        await using var server = await StartAsync();
        var backend = _harness.Backend(HostedVideoBackend.OpenAiKind, server.BaseUri);
        var first = await backend.ExecuteAsync(HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "a kite" }), _harness.Context, Ct);
        var video = first.Outputs["video"];
        var firstId = first.Provenance.RemoteId!;

        var remix = await backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.Remix, new { prompt = "the kite is blue" }, new Dictionary<string, PortValue> { ["video"] = video }), _harness.Context, Ct);
        var extend = await backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.Extend, new { prompt = "it lands", duration = 4 }, new Dictionary<string, PortValue> { ["video"] = video }), _harness.Context, Ct);

        Assert.Contains(server.Requests, r => r.Method == "POST" && r.Path == $"/v1/videos/{firstId}/remix");
        var extension = server.Requests.Single(r => r.Path == "/v1/videos/extensions");
        using var body = JsonDocument.Parse(extension.Body);
        Assert.Equal(firstId, body.RootElement.GetProperty("video").GetProperty("id").GetString());
        Assert.Equal(firstId, server.Jobs[remix.Provenance.RemoteId!].SourceId);
        Assert.Equal(firstId, server.Jobs[extend.Provenance.RemoteId!].SourceId);
        Assert.Equal(firstId, extend.Provenance.Details!.Value.GetProperty("source_task_id").GetString());
    }

    [Fact]
    public async Task Extend_InputWithoutRemoteId_FailsClearly()
    {
        await using var server = await StartAsync();
        var backend = _harness.Backend(HostedVideoBackend.OpenAiKind, server.BaseUri);
        var plain = await _harness.Context.StoreAsync(PortType.Video, "video/mp4", new MemoryStream(server.Video), Ct);

        var error = await Assert.ThrowsAsync<BackendException>(() => backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.Extend, new { prompt = "more" }, new Dictionary<string, PortValue> { ["video"] = plain }), _harness.Context, Ct));

        Assert.False(error.Transient);
        Assert.Contains("carries no openai-video remote id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_RateLimited_IsTransientWithRetryAfter()
    {
        await using var server = await StartAsync();
        server.Chaos.RateLimitedCreates = 1;
        server.Chaos.RetryAfterSeconds = 7;
        var backend = _harness.Backend(HostedVideoBackend.OpenAiKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Contains("Rate limit reached", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Jobs);
    }

    [Fact]
    public async Task Moderation_FailsPermanentlyWithOpenAisMessage()
    {
        await using var server = await StartAsync();
        server.Chaos.FailJobs = true;
        var backend = _harness.Backend(HostedVideoBackend.OpenAiKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.False(error.Transient);
        Assert.Contains("blocked by our moderation system", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Context.BlobCount);
    }

    [Fact]
    public async Task BadDuration_FailsPermanentlyWithOpenAisValidationMessage()
    {
        await using var server = await StartAsync();
        var backend = _harness.Backend(HostedVideoBackend.OpenAiKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "x", duration = 5 }), _harness.Context, Ct));

        Assert.False(error.Transient);
        Assert.Contains("HTTP 400", error.Message, StringComparison.Ordinal);
        Assert.Contains("'4', '8', and '12'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HungJob_TimesOutTransiently_WithoutARemoteCancel()
    {
        await using var server = await StartAsync();
        server.Chaos.HangJobs = true;
        var backend = _harness.Backend(HostedVideoBackend.OpenAiKind, server.BaseUri, timeoutSeconds: 0.5);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Contains("did not finish within", error.Message, StringComparison.Ordinal);
        Assert.Contains(_harness.Context.Logs, l => l.Contains("has no cancel", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Requests, r => r.Method == "DELETE");
        Assert.Equal(0, _harness.Context.BlobCount);
    }

    [Theory]
    [InlineData(DownloadFault.CutOff, "broke off")]
    [InlineData(DownloadFault.ShortChunked, "not a complete MP4")]
    public async Task TruncatedDownload_IsTransient_AndStoresNothing(DownloadFault fault, string expected)
    {
        await using var server = await StartAsync();
        server.Chaos.Download = fault;
        var backend = _harness.Backend(HostedVideoBackend.OpenAiKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Context.BlobCount);
    }

    [Fact]
    public async Task MalformedStatusJson_FailsWithAClearTransientError()
    {
        await using var server = await StartAsync();
        server.Chaos.MalformedPolls = true;
        var backend = _harness.Backend(HostedVideoBackend.OpenAiKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongKey_FailsPermanently_AndNoKeyAppearsAnywhere()
    {
        await using var server = await StartAsync();
        var backend = _harness.Backend(HostedVideoBackend.OpenAiKind, server.BaseUri);
        var success = await Run(backend);
        server.Chaos.FailJobs = true;
        var failure = await Assert.ThrowsAsync<BackendException>(() => Run(backend));
        const string wrong = "sk-proj-wrong-99887766554433221100";
        _harness.WithSecret(wrong);

        var auth = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.False(auth.Transient);
        Assert.Contains("HTTP 401", auth.Message, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key", auth.Message, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.Authorization == $"Bearer {Key}");
        SecretScan.AssertAbsent([Key, wrong], backend, _harness.Context, [failure, auth], [success]);
    }

    private static async Task<FakeOpenAiVideoServer> StartAsync()
    {
        var server = await FakeOpenAiVideoServer.StartAsync(Key, Ct);
        server.PollAfterMs = 10;
        return server;
    }

    private Task<NodeResult> Run(HostedVideoBackend backend) =>
        backend.ExecuteAsync(HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "a red kite" }), _harness.Context, Ct);
}
