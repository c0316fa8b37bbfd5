using System.Collections.Concurrent;
using Takt.Engine.Backends;

namespace Takt.Engine.Runs;

/// <summary>Backend capacity within one process: a semaphore per backend.</summary>
public sealed class LocalBackendSlots : IBackendSlots
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _slots = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(string backend, int capacity, string holder, CancellationToken cancellationToken)
    {
        var semaphore = _slots.GetOrAdd(backend, _ => new SemaphoreSlim(Math.Max(1, capacity)));
        await semaphore.WaitAsync(cancellationToken);
        return new Lease(semaphore);
    }

    private sealed class Lease(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
