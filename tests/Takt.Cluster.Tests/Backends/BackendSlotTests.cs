using Microsoft.Extensions.DependencyInjection;
using Takt.Cluster.Backends;
using Takt.Cluster.Tests.Support;
using Takt.Engine.Backends;

namespace Takt.Cluster.Tests.Backends;

/// <summary>One backend grain bounds a backend's slots across silos; a dead silo's leases expire.</summary>
public sealed class BackendSlotTests
{
    [Fact]
    public async Task AcquireAsync_WorkersOnTwoSilos_NeverMoreThanCapacityAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await TwoSiloCluster.StartAsync(TimeSpan.Zero, ct);
        IBackendSlots[] slots = [Slots(cluster.Primary), Slots(cluster.Secondary)];
        var (current, max, completed) = (0, 0, 0);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            await using (await slots[worker % 2].AcquireAsync("gpu", 2, $"run/node-{worker}", ct))
            {
                var now = Interlocked.Increment(ref current);
                InterlockedMax(ref max, now);
                await Task.Delay(150, ct);
                Interlocked.Decrement(ref current);
            }

            Interlocked.Increment(ref completed);
        })).WaitAsync(TimeSpan.FromSeconds(60), ct);

        Assert.Equal(8, completed);
        Assert.InRange(max, 1, 2);
        Assert.Empty(await TwoSiloCluster.Grains(cluster.Primary).GetGrain<IBackendGrain>("gpu").HoldersAsync(ct));
    }

    [Fact]
    public async Task AcquireAsync_Twice_SameHolderHoldsOneSlot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await TwoSiloCluster.StartAsync(TimeSpan.Zero, ct);
        var grain = TwoSiloCluster.Grains(cluster.Primary).GetGrain<IBackendGrain>("comfy");

        var first = await grain.AcquireAsync("run/a", 2, ct);
        var retried = await grain.AcquireAsync("run/a", 2, ct);
        var other = await grain.AcquireAsync("run/b", 2, ct);
        var full = await grain.AcquireAsync("run/c", 2, ct);

        Assert.True(first.Granted && retried.Granted && other.Granted);
        Assert.False(full.Granted);
        Assert.Equal(["run/a", "run/b"], await grain.HoldersAsync(ct));
        await grain.ReleaseAsync("run/a", ct);
        Assert.True((await grain.AcquireAsync("run/c", 2, ct)).Granted);
    }

    [Fact]
    public async Task LeasesOfKilledSilo_ExpireAndFreeTheirSlots()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await TwoSiloCluster.StartAsync(TimeSpan.Zero, ct);
        var onSecondary = TwoSiloCluster.Grains(cluster.Secondary).GetGrain<IBackendGrain>("gpu");
        Assert.True((await onSecondary.AcquireAsync("secondary/run-1", 2, ct)).Granted);
        Assert.True((await onSecondary.AcquireAsync("secondary/run-2", 2, ct)).Granted);
        var onPrimary = TwoSiloCluster.Grains(cluster.Primary).GetGrain<IBackendGrain>("gpu");
        Assert.False((await onPrimary.AcquireAsync("primary/run-3", 2, ct)).Granted);

        // The secondary dies holding both slots and never renews them.
        await cluster.KillAsync(cluster.Secondary);

        await using var lease = await Slots(cluster.Primary).AcquireAsync("gpu", 2, "primary/run-3", ct).WaitAsync(TimeSpan.FromSeconds(60), ct);
        Assert.Equal(["primary/run-3"], await onPrimary.HoldersAsync(ct));
    }

    private static IBackendSlots Slots(Orleans.TestingHost.InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IBackendSlots>();

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
