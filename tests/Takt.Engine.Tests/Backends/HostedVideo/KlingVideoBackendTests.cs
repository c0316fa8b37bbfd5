using System.Text.Json;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;
using Takt.Engine.Backends.HostedVideo;
using Takt.TestKit.HostedVideo;

namespace Takt.Engine.Tests.Backends.HostedVideo;

public sealed class KlingVideoBackendTests : IDisposable
{
    private const string AccessKey = "AK7f3e9d1c2b4a5968";
    private const string SecretKey = "SKa1b2c3d4e5f60718293a4b5c6d7e8f9";
    private readonly HostedVideoHarness _harness = new HostedVideoHarness().WithSecret($"{AccessKey}:{SecretKey}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task TextToVideo_Succeeds_WithAVerifiedJwt_AndStoresTheResult()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri);

        var result = await backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "koi in a pond", negative_prompt = "blur", duration = 10, size = "1920x1080", seed = 3 }),
            _harness.Context, Ct);

        var video = result.Outputs["video"];
        Assert.Equal(server.Video, await _harness.ReadBlobAsync(video, Ct));
        var job = Assert.Single(server.Jobs.Values);
        Assert.Equal("kling kling-v2-1", result.Provenance.Backend);
        Assert.Equal(SeedSupport.Unsupported, result.Provenance.SeedSupport);
        Assert.Null(result.Provenance.Seed);
        Assert.Equal(job.Id, result.Provenance.RemoteId);
        Assert.Equal(job.VideoId, RemoteVideoReference.From(video)?.VideoId);
        var create = server.Requests.Single(r => r.Method == "POST");
        Assert.Equal("/v1/videos/text2video", create.Path);
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal("10", body.RootElement.GetProperty("duration").GetString());
        Assert.Equal("16:9", body.RootElement.GetProperty("aspect_ratio").GetString());
        Assert.Equal("blur", body.RootElement.GetProperty("negative_prompt").GetString());
        Assert.Equal("blur", result.Provenance.Details!.Value.GetProperty("negative_prompt").GetString());
        // The result URL is pre-signed: the token must not travel to it.
        Assert.Null(server.Requests.Single(r => r.Path.StartsWith("/files/", StringComparison.Ordinal)).Authorization);
        Assert.All(server.Requests.Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)), r => Assert.StartsWith("Bearer ey", r.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImageToVideo_SendsRawBase64ImageAndTail()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri, settings: ("model", "kling-v1-6"));
        var first = await TestMedia.PngAsync("testsrc", Ct);
        var last = await TestMedia.PngAsync("smptebars", Ct);
        var inputs = new Dictionary<string, PortValue>
        {
            ["image"] = await _harness.PutImageAsync(first, Ct),
            ["end_image"] = await _harness.PutImageAsync(last, Ct),
        };

        var result = await backend.ExecuteAsync(HostedVideoHarness.Invocation(HostedVideoNodeTypes.ImageToVideo, new { prompt = "morph" }, inputs), _harness.Context, Ct);

        var create = server.Requests.Single(r => r.Method == "POST");
        Assert.Equal("/v1/videos/image2video", create.Path);
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal(Convert.ToBase64String(first), body.RootElement.GetProperty("image").GetString());
        Assert.Equal(Convert.ToBase64String(last), body.RootElement.GetProperty("image_tail").GetString());
        Assert.Equal("kling kling-v1-6", result.Provenance.Backend);
        Assert.Contains(server.Requests, r => r.Method == "GET" && r.Path == $"/v1/videos/image2video/{result.Provenance.RemoteId}");
    }

    [Fact]
    public async Task Extend_SendsTheEarlierVideosId()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri);
        var first = await backend.ExecuteAsync(HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "koi" }), _harness.Context, Ct);

        var extended = await backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.Extend, new { prompt = "they swim away" }, new Dictionary<string, PortValue> { ["video"] = first.Outputs["video"] }),
            _harness.Context, Ct);

        var firstJob = server.Jobs[first.Provenance.RemoteId!];
        var extension = server.Requests.Single(r => r.Path == "/v1/videos/video-extend");
        using var body = JsonDocument.Parse(extension.Body);
        Assert.Equal(firstJob.VideoId, body.RootElement.GetProperty("video_id").GetString());
        Assert.Equal(firstJob.VideoId, server.Jobs[extended.Provenance.RemoteId!].SourceId);
    }

    [Fact]
    public async Task Remix_IsNotOffered()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri);

        Assert.DoesNotContain(HostedVideoNodeTypes.RemixName, backend.Capabilities);
        var error = await Assert.ThrowsAsync<BackendException>(() => backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.Remix, new { prompt = "x" }), _harness.Context, Ct));
        Assert.False(error.Transient);
        Assert.Contains("does not offer video.remix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitCode1302_IsTransientWithRetryAfter()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        server.Chaos.RateLimitedCreates = 1;
        server.Chaos.RetryAfterSeconds = 3;
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        Assert.Contains("code 1302", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentPolicyCode1301_IsPermanentWithKlingsMessage()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        server.RefusePrompts = true;
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.False(error.Transient);
        Assert.Contains("code 1301", error.Message, StringComparison.Ordinal);
        Assert.Contains("content security policy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedTask_IsPermanentWithTheStatusMessage()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        server.Chaos.FailJobs = true;
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.False(error.Transient);
        Assert.Contains("risk control system", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Context.BlobCount);
    }

    [Fact]
    public async Task BadDuration_IsPermanentWithKlingsParameterError()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "x", duration = 7 }), _harness.Context, Ct));

        Assert.False(error.Transient);
        Assert.Contains("code 1201", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HungTask_TimesOutTransiently()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        server.Chaos.HangJobs = true;
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri, timeoutSeconds: 0.5);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Contains("did not finish within", error.Message, StringComparison.Ordinal);
        Assert.Contains(_harness.Context.Logs, l => l.Contains("has no cancel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExpiredResultUrl_IsTransient_AndStoresNothing()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        server.Chaos.ResultLifetime = TimeSpan.FromSeconds(-1);
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Context.BlobCount);
    }

    [Theory]
    [InlineData(DownloadFault.CutOff, "broke off")]
    [InlineData(DownloadFault.ShortChunked, "not a complete MP4")]
    public async Task TruncatedDownload_IsTransient_AndStoresNothing(DownloadFault fault, string expected)
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        server.Chaos.Download = fault;
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Context.BlobCount);
    }

    [Fact]
    public async Task MalformedJson_FailsWithAClearTransientError()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        server.Chaos.MalformedPolls = true;
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri);

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.True(error.Transient);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSecretKey_FailsPermanently_AndNoKeyOrJwtAppearsAnywhere()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri);
        var success = await Run(backend);
        server.Chaos.FailJobs = true;
        var failure = await Assert.ThrowsAsync<BackendException>(() => Run(backend));
        const string wrongSecret = "SKwrong0000111122223333444455556666";
        _harness.WithSecret($"{AccessKey}:{wrongSecret}");

        var auth = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.False(auth.Transient);
        Assert.Contains("code 1002", auth.Message, StringComparison.Ordinal);
        Assert.Contains("signature is invalid", auth.Message, StringComparison.Ordinal);
        Assert.NotEmpty(server.Tokens);
        SecretScan.AssertAbsent([SecretKey, wrongSecret, $"{AccessKey}:{SecretKey}", .. server.Tokens], backend, _harness.Context, [failure, auth], [success]);
    }

    [Fact]
    public async Task SecretWithoutColon_FailsPermanentlyNamingTheSecretOnly()
    {
        await using var server = await FakeKlingServer.StartAsync(AccessKey, SecretKey, Ct);
        var backend = _harness.Backend(HostedVideoBackend.KlingKind, server.BaseUri);
        _harness.WithSecret("just-one-long-key-without-colon");

        var error = await Assert.ThrowsAsync<BackendException>(() => Run(backend));

        Assert.False(error.Transient);
        Assert.Contains($"secret '{HostedVideoHarness.SecretName}' must hold ACCESS_KEY:SECRET_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("just-one-long-key", error.Message, StringComparison.Ordinal);
    }

    private Task<NodeResult> Run(HostedVideoBackend backend) =>
        backend.ExecuteAsync(HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "koi in a pond" }), _harness.Context, Ct);
}
