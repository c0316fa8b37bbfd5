namespace Takt.Engine.Backends;

/// <summary>
/// Hands out a backend's slots, so no more than its capacity of nodes run on it at once. In one
/// process a semaphore per backend does; in a cluster one backend grain per backend holds the
/// leases for every silo (a lease of a dead silo expires).
/// </summary>
public interface IBackendSlots
{
    /// <summary>Waits for a free slot; disposing the lease gives it back. <paramref name="holder"/> (run/node) makes a retried acquire idempotent.</summary>
    Task<IAsyncDisposable> AcquireAsync(string backend, int capacity, string holder, CancellationToken cancellationToken);
}
