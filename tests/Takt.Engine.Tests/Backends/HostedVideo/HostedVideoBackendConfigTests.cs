using Takt.Engine.Backends;
using Takt.Engine.Backends.HostedVideo;

namespace Takt.Engine.Tests.Backends.HostedVideo;

public sealed class HostedVideoBackendConfigTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData(HostedVideoBackend.OpenAiKind, new[] { "video.text-to-video", "video.image-to-video", "video.extend", "video.remix" })]
    [InlineData(HostedVideoBackend.KlingKind, new[] { "video.text-to-video", "video.image-to-video", "video.extend" })]
    [InlineData(HostedVideoBackend.RunwayKind, new[] { "video.text-to-video", "video.image-to-video" })]
    public void Create_DeclaresOnlyTheProvidersOperations(string kind, string[] capabilities)
    {
        using var http = new HttpClient();

        var backend = HostedVideoBackend.Create(Config(kind, []), new NoSecrets(), http, TimeProvider.System);

        Assert.Equal(kind, backend.Kind);
        Assert.Equal(capabilities, backend.NodeTypes.Select(t => t.Capability));
        Assert.Equal(capabilities.ToHashSet(), backend.Capabilities);
    }

    [Theory]
    [InlineData(HostedVideoBackend.OpenAiKind, "500")]
    [InlineData(HostedVideoBackend.KlingKind, "1000")]
    [InlineData(HostedVideoBackend.RunwayKind, "4999")]
    public void Create_PollFasterThanTheProviderAllows_IsRefusedUnlessAllowed(string kind, string pollMs)
    {
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => HostedVideoBackend.Create(Config(kind, new() { ["pollIntervalMs"] = pollMs }), new NoSecrets(), http, TimeProvider.System));
        var allowed = HostedVideoBackend.Create(Config(kind, new() { ["pollIntervalMs"] = pollMs, ["allowFastPolling"] = "true" }), new NoSecrets(), http, TimeProvider.System);

        Assert.Contains("allowFastPolling", error.Message, StringComparison.Ordinal);
        Assert.Equal(kind, allowed.Kind);
    }

    [Fact]
    public void Create_UnknownKind_IsRefused()
    {
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => HostedVideoBackend.Create(Config("veo", []), new NoSecrets(), http, TimeProvider.System));

        Assert.Contains("'veo' is not a hosted video kind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_MissingSecret_FailsPermanentlyNamingTheSecret()
    {
        using var http = new HttpClient();
        using var harness = new HostedVideoHarness();
        var backend = HostedVideoBackend.Create(Config(HostedVideoBackend.RunwayKind, []), new NoSecrets(), http, TimeProvider.System);

        var error = await Assert.ThrowsAsync<BackendException>(() => backend.ExecuteAsync(
            HostedVideoHarness.Invocation(HostedVideoNodeTypes.TextToVideo, new { prompt = "x" }), harness.Context, TestContext.Current.CancellationToken));

        Assert.False(error.Transient);
        Assert.Contains("secret 'RUNWAY_KEY' is not configured", error.Message, StringComparison.Ordinal);
    }

    private static BackendConfig Config(string kind, Dictionary<string, string> settings) =>
        new("video", kind, Endpoint, 1, settings, "RUNWAY_KEY");

    private sealed class NoSecrets : ISecretSource
    {
        public string? Get(string name) => null;
    }
}
