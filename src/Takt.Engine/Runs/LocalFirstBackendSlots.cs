using Takt.Engine.Backends;

namespace Takt.Engine.Runs;

/// <summary>
/// In a cluster, backends that run inside each process (the built-in one) count their slots per
/// process, and only shared remote backends (a GPU server, a hosted API account) go through the
/// cluster-wide leases: a lease round trip per built-in node would make every cheap node pay a
/// database write.
/// </summary>
public sealed class LocalFirstBackendSlots(IBackendSlots cluster, IReadOnlySet<string> inProcess) : IBackendSlots
{
    private readonly LocalBackendSlots _local = new();

    public Task<IAsyncDisposable> AcquireAsync(string backend, int capacity, string holder, CancellationToken cancellationToken) =>
        inProcess.Contains(backend)
            ? _local.AcquireAsync(backend, capacity, holder, cancellationToken)
            : cluster.AcquireAsync(backend, capacity, holder, cancellationToken);
}
