namespace Takt.Engine.Backends;

/// <summary>A backend that can check itself (<c>takt backends test</c>): reachable, which version, what it can run.</summary>
public interface IBackendProbe
{
    Task<BackendHealth> TestAsync(CancellationToken cancellationToken);
}

/// <summary>What a backend check found; <see cref="Details"/> lines never contain secrets.</summary>
public sealed record BackendHealth(bool Ok, string Version, IReadOnlyList<string> Details);
