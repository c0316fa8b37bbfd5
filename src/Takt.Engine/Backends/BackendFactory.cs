namespace Takt.Engine.Backends;

/// <summary>Builds a backend from its registry entry.</summary>
public static class BackendFactory
{
    public static INodeBackend Create(BackendConfig config, BackendContext context) => config.Kind switch
    {
        _ => throw new BackendException($"backend '{config.Name}': kind '{config.Kind}' is not available in this build", transient: false),
    };
}
