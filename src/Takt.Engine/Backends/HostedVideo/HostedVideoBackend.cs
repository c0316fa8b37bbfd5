using Takt.Domain.Workflows;
using Takt.Engine.Backends.HostedVideo.Kling;
using Takt.Engine.Backends.HostedVideo.OpenAi;
using Takt.Engine.Backends.HostedVideo.Runway;

namespace Takt.Engine.Backends.HostedVideo;

/// <summary>
/// A hosted video API (OpenAI videos, Kling, Runway) as a node backend: it submits a job, polls
/// it at the provider's cadence until it finishes, fails or hangs past the deadline, then copies
/// the video into the blob store before the provider's URL expires. It declares only the node
/// types its provider supports.
/// </summary>
public sealed partial class HostedVideoBackend : INodeBackend
{
    public const string OpenAiKind = "openai-video";
    public const string KlingKind = "kling";
    public const string RunwayKind = "runway";

    private readonly IVideoProvider _provider;
    private readonly HostedVideoSettings _settings;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;

    private HostedVideoBackend(BackendConfig config, IVideoProvider provider, HostedVideoSettings settings, TimeProvider time, SecretRedactor redactor)
    {
        if (config.Capacity < 1)
        {
            throw new ArgumentException($"backend '{config.Name}': capacity must be at least 1, not {config.Capacity}", nameof(config));
        }

        Name = config.Name;
        Capacity = config.Capacity;
        _provider = provider;
        _settings = settings;
        _time = time;
        _redactor = redactor;
        NodeTypes = [.. provider.Operations.Select(HostedVideoNodeTypes.For)];
        Capabilities = NodeTypes.Select(t => t.Capability).ToHashSet(StringComparer.Ordinal);
    }

    public string Name { get; }

    /// <summary>The backend kind (<c>openai-video</c>, <c>kling</c>, <c>runway</c>); lineage names the provider and model per node.</summary>
    public string Kind => _provider.Kind;

    public int Capacity { get; }

    public IReadOnlySet<string> Capabilities { get; }

    public IReadOnlyList<NodeType> NodeTypes { get; }

    /// <summary>
    /// Builds the backend a registered <see cref="BackendConfig"/> describes. <see cref="BackendConfig.Endpoint"/>
    /// overrides the provider's base URL; the key comes from <paramref name="secrets"/> under
    /// <see cref="BackendConfig.SecretName"/> on every call (Kling's is <c>ACCESS:SECRET</c>).
    /// Throws <see cref="ArgumentException"/> for an unknown kind or bad settings.
    /// </summary>
    public static HostedVideoBackend Create(BackendConfig config, ISecretSource secrets, HttpClient http, TimeProvider time)
    {
        var redactor = new SecretRedactor();
        var secret = new ApiSecret(secrets, config.SecretName, config.Name, redactor);
        (IVideoProvider provider, TimeSpan cadence) = config.Kind switch
        {
            OpenAiKind => ((IVideoProvider)new OpenAiVideoProvider(http, config.Endpoint ?? OpenAiVideoProvider.DefaultBase, secret, time), OpenAiVideoProvider.PollCadence),
            KlingKind => (new KlingVideoProvider(http, config.Endpoint ?? KlingVideoProvider.DefaultBase, secret, redactor, time), KlingVideoProvider.PollCadence),
            RunwayKind => (new RunwayVideoProvider(http, config.Endpoint ?? RunwayVideoProvider.DefaultBase, secret, time), RunwayVideoProvider.PollCadence),
            _ => throw new ArgumentException($"backend '{config.Name}': '{config.Kind}' is not a hosted video kind ({OpenAiKind}, {KlingKind} or {RunwayKind})", nameof(config)),
        };
        return new HostedVideoBackend(config, provider, HostedVideoSettings.Read(config, cadence), time, redactor);
    }

    /// <summary>Whether <paramref name="kind"/> is one this class builds.</summary>
    public static bool IsHostedVideoKind(string kind) => kind is OpenAiKind or KlingKind or RunwayKind;

    public override string ToString() => $"{Name} ({Kind}, capacity {Capacity})";
}
