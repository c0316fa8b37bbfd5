using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Takt.Engine.Backends;

namespace Takt.Cluster.Backends;

/// <summary>
/// <see cref="IBackendSlots"/> for a cluster: one <see cref="IBackendGrain"/> per backend counts the
/// slots of every silo. Waits with growing delays while the backend is full, and renews the lease in
/// the background while it is held. The engine picks which backend may run a node (capabilities)
/// before it asks here; this only bounds how many run at once.
/// </summary>
public sealed partial class ClusterBackendSlots(
    IGrainFactory grains,
    IOptions<BackendSlotOptions> options,
    TimeProvider time,
    ILogger<ClusterBackendSlots> logger) : IBackendSlots
{
    public async Task<IAsyncDisposable> AcquireAsync(string backend, int capacity, string holder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(backend);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var grain = grains.GetGrain<IBackendGrain>(backend);
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                var grant = await grain.AcquireAsync(holder, capacity, cancellationToken);
                if (grant.Granted)
                {
                    return new Lease(this, grain, backend, capacity, holder, grant.LeaseDuration / 3);
                }
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                // The backend grain's silo died mid-call: Orleans does not retry, the acquire is idempotent, so ask again.
                LogTransient(e, backend, holder);
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxPollDelay.Ticks));
        }
    }

    private TimeProvider Time => time;

    private static bool IsTransient(Exception e) => e is OrleansException or TimeoutException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend {Backend}: slot call for {Holder} failed; retrying")]
    private partial void LogTransient(Exception exception, string backend, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend {Backend}: {Holder} lost its slot lease (it expired before a renewal arrived)")]
    private partial void LogLost(string backend, string holder);

    /// <summary>A held slot: renews until disposed, then releases (a failed release just lets the lease expire).</summary>
    private sealed class Lease : IAsyncDisposable
    {
        private readonly ClusterBackendSlots _owner;
        private readonly IBackendGrain _grain;
        private readonly string _backend;
        private readonly int _capacity;
        private readonly string _holder;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public Lease(ClusterBackendSlots owner, IBackendGrain grain, string backend, int capacity, string holder, TimeSpan renewEvery)
        {
            _owner = owner;
            _grain = grain;
            _backend = backend;
            _capacity = capacity;
            _holder = holder;
            _renewing = RenewAsync(renewEvery, _stop.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewing;
            _stop.Dispose();
            try
            {
                await _grain.ReleaseAsync(_holder, CancellationToken.None);
            }
            catch (Exception e) when (IsTransient(e))
            {
                _owner.LogTransient(e, _backend, _holder);
            }
        }

        private async Task RenewAsync(TimeSpan every, CancellationToken stop)
        {
            using var timer = new PeriodicTimer(every, _owner.Time);
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    try
                    {
                        if (!await _grain.RenewAsync(_holder, _capacity, stop))
                        {
                            _owner.LogLost(_backend, _holder);
                        }
                    }
                    catch (Exception e) when (IsTransient(e))
                    {
                        _owner.LogTransient(e, _backend, _holder);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Disposed: stop renewing.
            }
        }
    }
}
