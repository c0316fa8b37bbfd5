using System.Text.Json;
using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;
using Takt.Engine.Backends.HostedVideo;
using Takt.TestKit.Files;

namespace Takt.Engine.Tests.Backends.HostedVideo;

/// <summary>What each hosted video test needs: a blob store in a temp folder, a run context over it, secrets and an HTTP client.</summary>
public sealed class HostedVideoHarness : IDisposable
{
    public const string SecretName = "VIDEO_API_KEY";

    private readonly TempFolder _folder = new("takt-video");
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);

    public HostedVideoHarness()
    {
        Store = new LocalBlobStore(_folder.Path);
        Context = new BlobRunContext(Store);
    }

    public LocalBlobStore Store { get; }

    public BlobRunContext Context { get; }

    public HttpClient Http { get; } = new();

    public HostedVideoHarness WithSecret(string value)
    {
        _secrets[SecretName] = value;
        return this;
    }

    /// <summary>A backend against a fake: fast polling is allowed, the deadline is generous unless a test shortens it.</summary>
    public HostedVideoBackend Backend(string kind, Uri endpoint, double timeoutSeconds = 60, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["pollIntervalMs"] = "10",
            ["allowFastPolling"] = "true",
            ["timeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return HostedVideoBackend.Create(new BackendConfig($"{kind}-test", kind, endpoint, 2, all, SecretName), new Secrets(_secrets), Http, TimeProvider.System);
    }

    public async Task<PortValue> PutImageAsync(byte[] png, CancellationToken cancellationToken) =>
        await Context.StoreAsync(PortType.Image, "image/png", new MemoryStream(png), cancellationToken);

    public static NodeInvocation Invocation(NodeType type, object parameters, IReadOnlyDictionary<string, PortValue>? inputs = null) => new(
        Guid.CreateVersion7(),
        "n1",
        type,
        JsonSerializer.SerializeToElement(parameters).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal),
        inputs ?? new Dictionary<string, PortValue>(StringComparer.Ordinal),
        1);

    public async Task<byte[]> ReadBlobAsync(PortValue value, CancellationToken cancellationToken)
    {
        await using var stream = await Context.OpenAsync(value, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public void Dispose()
    {
        Http.Dispose();
        _folder.Dispose();
    }

    private sealed class Secrets(Dictionary<string, string> values) : ISecretSource
    {
        public string? Get(string name) => values.GetValueOrDefault(name);
    }
}
