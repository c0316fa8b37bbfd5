namespace Takt.Cluster.Backends;

/// <summary>
/// The slot leases of one backend (keyed by its name) for the whole cluster. Which backends can run
/// a node (capabilities, models) is decided by the engine before it asks for a slot; this grain only
/// counts. Leases expire unless renewed, so the slots of a dead silo come back on their own.
/// </summary>
public interface IBackendGrain : IGrainWithStringKey
{
    /// <summary>Grants a slot if fewer than <paramref name="capacity"/> are leased; idempotent per holder (a holder already leasing is renewed).</summary>
    Task<BackendLeaseGrant> AcquireAsync(string holder, int capacity, CancellationToken cancellationToken);

    /// <summary>Extends a holder's lease; false when it had expired and its slot was taken (the holder should stop or re-acquire).</summary>
    Task<bool> RenewAsync(string holder, int capacity, CancellationToken cancellationToken);

    Task ReleaseAsync(string holder, CancellationToken cancellationToken);

    /// <summary>The holders leasing a slot now.</summary>
    Task<IReadOnlyList<string>> HoldersAsync(CancellationToken cancellationToken);
}
