using Takt.Engine.Backends.ComfyUi;
using Takt.Engine.Backends.HostedVideo;

namespace Takt.Engine.Backends;

/// <summary>Builds a backend from its registry entry.</summary>
public static class BackendFactory
{
    /// <summary>
    /// One client for every remote backend of the process: pooled connections, DNS refreshed, and
    /// no client-wide timeout, because each backend sets its own deadlines (a video download may
    /// take minutes, a ComfyUI poll must not).
    /// </summary>
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static INodeBackend Create(BackendConfig config, BackendContext context)
    {
        try
        {
            return config.Kind switch
            {
                "comfyui" => ComfyUiBackend.Create(config, Http, context.Time),
                _ when HostedVideoBackend.IsHostedVideoKind(config.Kind) => HostedVideoBackend.Create(config, context.Secrets, Http, context.Time),
                _ => throw new BackendException($"backend '{config.Name}': kind '{config.Kind}' is not available in this build", transient: false),
            };
        }
        catch (Exception e) when (e is ArgumentException or IOException or ComfyUiTemplateException)
        {
            throw new BackendException($"backend '{config.Name}': {e.Message}", transient: false, e);
        }
    }
}
