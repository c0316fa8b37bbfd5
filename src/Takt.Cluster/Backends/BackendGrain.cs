using Microsoft.Extensions.Options;
using Takt.Cluster.Hosting;

namespace Takt.Cluster.Backends;

/// <summary>
/// Expiry times live in memory, so a renewal costs no database write; the set of holders is
/// persisted on acquire and release. When the grain is reactivated elsewhere (its silo died) it
/// reloads the holders and gives each a fresh lease duration to renew: live holders keep their
/// slots, a dead silo's holders expire, and the count never passes capacity in between.
/// </summary>
internal sealed class BackendGrain(
    [PersistentState("backend", TaktOrleans.StorageName)] IPersistentState<BackendGrainState> state,
    IOptions<BackendSlotOptions> options,
    TimeProvider time) : Grain, IBackendGrain
{
    private readonly Dictionary<string, DateTimeOffset> _leases = new(StringComparer.Ordinal);

    private TimeSpan LeaseDuration => options.Value.LeaseDuration;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + LeaseDuration;
        foreach (var holder in state.State.Holders)
        {
            _leases[holder] = until;
        }

        return Task.CompletedTask;
    }

    public async Task<BackendLeaseGrant> AcquireAsync(string holder, int capacity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var now = Expire();
        var known = _leases.ContainsKey(holder);
        var granted = known || _leases.Count < capacity;
        if (granted)
        {
            _leases[holder] = now + LeaseDuration;
            if (!known)
            {
                await SaveAsync(cancellationToken);
            }
        }

        return new BackendLeaseGrant(granted, now + LeaseDuration, LeaseDuration, _leases.Count);
    }

    public async Task<bool> RenewAsync(string holder, int capacity, CancellationToken cancellationToken)
    {
        var grant = await AcquireAsync(holder, capacity, cancellationToken);
        return grant.Granted;
    }

    public async Task ReleaseAsync(string holder, CancellationToken cancellationToken)
    {
        if (_leases.Remove(holder))
        {
            await SaveAsync(cancellationToken);
        }
    }

    public Task<IReadOnlyList<string>> HoldersAsync(CancellationToken cancellationToken)
    {
        Expire();
        return Task.FromResult<IReadOnlyList<string>>([.. _leases.Keys.Order(StringComparer.Ordinal)]);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        state.State.Holders = [.. _leases.Keys.Order(StringComparer.Ordinal)];
        await state.WriteStateAsync(cancellationToken);
    }

    private DateTimeOffset Expire()
    {
        var now = time.GetUtcNow();
        foreach (var (holder, expires) in _leases.ToList())
        {
            if (expires <= now)
            {
                _leases.Remove(holder);
            }
        }

        return now;
    }
}
