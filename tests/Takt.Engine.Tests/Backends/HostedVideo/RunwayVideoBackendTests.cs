using System.Text.Json;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;
using Takt.Engine.Backends.HostedVideo;
using Takt.TestKit.HostedVideo;

namespace Takt.Engine.Tests.Backends.HostedVideo;

public sealed class RunwayVideoBackendTests : IDisposable
{
    private const string Key = "key_6c1f0e2d9b8a7f6e5d4c3b2a19080706";
    private readonly HostedVideoHarness _harness = new HostedVideoHarness().WithSecret(Key);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task TextToVideo_WithSeed_RecordsSeededProvenance()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);

        var result = await backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "a lighthouse at dusk", duration = 8, size = "1920x1080", seed = 4294967295L }),
            _harness.Context, Ct);

        Assert.Equal(server.Video, await _harness.ReadBlobAsync(result.Outputs["video"], Ct));
        var job = Assert.Single(server.Jobs.Values);
        Assert.Equal(4294967295L, job.Seed);
        Assert.Equal("runway veo3.1", result.Provenance.Backend);
        Assert.Equal(SeedSupport.Seeded, result.Provenance.SeedSupport);
        Assert.Equal(4294967295L, result.Provenance.Seed);
        Assert.Equal(job.Id, result.Provenance.RemoteId);
        Assert.Equal(4294967295L, result.Provenance.Details!.Value.GetProperty("seed").GetInt64());
        using var body = JsonDocument.Parse(server.Requests.Single(r => r.Method == "POST").Body);
        Assert.Equal("1920:1080", body.RootElement.GetProperty("ratio").GetString());
        Assert.All(server.Requests.Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)), r => Assert.Equal(FakeRunwayServer.Version, r.Headers["X-Runway-Version"]));
        Assert.Contains(_harness.Context.ProgressReports, p => p.Max == 1 && p.Value is > 0 and < 1);
    }

    [Fact]
    public async Task TextToVideo_WithoutSeed_RecordsUnsupported()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);

        var result = await Run(backend);

        Assert.Equal(SeedSupport.Unsupported, result.Provenance.SeedSupport);
        Assert.Null(result.Provenance.Seed);
    }

    [Fact]
    public async Task ImageToVideo_SendsDataUris_WithTheEndFrameLast()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);
        var first = await TestMedia.PngAsync("testsrc", Ct);
        var last = await TestMedia.PngAsync("smptebars", Ct);
        var inputs = new Dictionary<string, PortValue>
        {
            ["image"] = await _harness.PutImageAsync(first, Ct),
            ["end_image"] = await _harness.PutImageAsync(last, Ct),
        };

        var result = await backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.ImageToVideo, new { prompt = "pan left", model = "gen3a_turbo", size = "1280:768", duration = 5 }, inputs),
            _harness.Context, Ct);

        var create = server.Requests.Single(r => r.Method == "POST");
        Assert.Equal("/v1/image_to_video", create.Path);
        using var body = JsonDocument.Parse(create.Body);
        var images = body.RootElement.GetProperty("promptImage");
        Assert.Equal($"data:image/png;base64,{Convert.ToBase64String(first)}", images[0].GetProperty("uri").GetString());
        Assert.Equal("first", images[0].GetProperty("position").GetString());
        Assert.Equal($"data:image/png;base64,{Convert.ToBase64String(last)}", images[1].GetProperty("uri").GetString());
        Assert.Equal("last", images[1].GetProperty("position").GetString());
        Assert.Equal("runway gen3a_turbo", result.Provenance.Backend);
    }

    [Fact]
    public async Task ImageToVideo_EndFrameOnGen4_IsRefusedWithRunwaysIssue()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);
        var image = await _harness.PutImageAsync(await TestMedia.PngAsync("testsrc", Ct), Ct);

        var error = await Assert.ThrowsAsync<BackendException>(() => backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.ImageToVideo, new { prompt = "x" }, new Dictionary<string, PortValue> { ["image"] = image, ["end_image"] = image }),
            _harness.Context, Ct));

        Assert.False(error.Transient);
        Assert.Contains("Validation of body failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("only supported by gen3a_turbo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtendAndRemix_AreNotOffered()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);

        Assert.Equal([HostedVideoNodeTypes.TextToVideoName, HostedVideoNodeTypes.ImageToVideoName], backend.NodeTypes.Select(t => t.Name));
        var error = await Assert.ThrowsAsync<BackendException>(() => backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.Extend, new { prompt = "x" }), _harness.Context, Ct));
        Assert.Contains("does not offer video.extend", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_IsTransientWithRetryAfter()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        server.Chaos.RateLimitedCreates = 1;
        server.Chaos.RetryAfterSeconds = 11;
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Equal(TimeSpan.FromSeconds(11), error.RetryAfter);
    }

    [Fact]
    public async Task RateLimitedPolls_AreWaitedOut_AndTheTaskStillCompletes()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        server.Chaos.RateLimitedPolls = 2;
        server.Chaos.RetryAfterSeconds = 0;
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);

        var result = await Run(backend);

        Assert.Equal(server.Video, await _harness.ReadBlobAsync(result.Outputs["video"], Ct));
        Assert.Equal(2, _harness.Context.Logs.Count(l => l.Contains("trying again", StringComparison.Ordinal)));
        Assert.Empty(server.CancelledTaskIds);
    }

    [Fact]
    public async Task SafetyFailure_IsPermanentWithFailureCode()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        server.Chaos.FailJobs = true;
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.False(error.Transient);
        Assert.Contains("flagged by our content moderation system", error.Message, StringComparison.Ordinal);
        Assert.Contains("SAFETY.INPUT.TEXT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadDuration_IsPermanentWithRunwaysIssue()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "x", duration = 7 }), _harness.Context, Ct));

        Assert.False(error.Transient);
        Assert.Contains("HTTP 400", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected one of 4, 6, 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HungTask_IsCancelledRemotely_ThenTimesOutTransiently()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        server.Chaos.HangJobs = true;
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri, timeoutSeconds: 0.5);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Contains("a remote cancel was sent", error.Message, StringComparison.Ordinal);
        var job = Assert.Single(server.Jobs.Values);
        Assert.Equal([job.Id], server.CancelledTaskIds);
    }

    [Fact]
    public async Task Cancellation_DeletesTheTask_ThenThrowsOperationCanceled()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        server.Chaos.HangJobs = true;
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        _harness.Context.OnLog = line =>
        {
            if (line.Contains("submitted", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "x" }), _harness.Context, cancel.Token));

        var job = Assert.Single(server.Jobs.Values);
        Assert.Equal([job.Id], server.CancelledTaskIds);
        Assert.Contains(server.Requests, r => r.Method == "DELETE" && r.Path == $"/v1/tasks/{job.Id}" && r.Headers["X-Runway-Version"] == FakeRunwayServer.Version);
    }

    [Theory]
    [InlineData(DownloadFault.CutOff, "broke off")]
    [InlineData(DownloadFault.ShortChunked, "not a complete MP4")]
    public async Task TruncatedDownload_IsTransient_AndStoresNothing(DownloadFault fault, string expected)
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        server.Chaos.Download = fault;
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Context.BlobCount);
    }

    [Fact]
    public async Task MalformedJson_FailsWithAClearTransientError_AndCancelsTheTask()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        server.Chaos.MalformedPolls = true;
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
        Assert.Single(server.CancelledTaskIds);
    }

    [Fact]
    public async Task WrongKey_FailsPermanently_AndNoKeyAppearsAnywhere()
    {
        await using var server = await FakeRunwayServer.StartAsync(Key, Ct);
        var backend = _harness.Backend(HostedVideoBackend.RunwayKind, server.BaseUri);
        var success = await Run(backend);
        server.Chaos.FailJobs = true;
        var failure = await Assert.ThrowsAsync<BackendException>(() => Run(backend));
        const string wrong = "key_wrong_00112233445566778899aabbcc";
        _harness.WithSecret(wrong);

        var auth = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.False(auth.Transient);
        Assert.Contains("HTTP 401", auth.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid API key", auth.Message, StringComparison.Ordinal);
        SecretScan.AssertAbsent([Key, wrong], backend, _harness.Context, [failure, auth], [success]);
    }

    private Task<NodeResult> Run(HostedVideoBackend backend) =>
        backend.ExecuteAsync(HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "a lighthouse" }), _harness.Context, Ct);
}
