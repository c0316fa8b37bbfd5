using Takt.Cluster.Runs;
using Takt.Cluster.Tests.Support;
using Takt.Engine.Runs;

namespace Takt.Cluster.Tests.Runs;

/// <summary>Two silos in one process on PostgreSQL reminders and state: the watchdog resumes a killed silo's run on the survivor.</summary>
public sealed class ClusterFailoverTests
{
    private const int Steps = 12;

    [Fact]
    public async Task SiloRunningRunKilled_WatchdogResumesItOnSurvivor()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await TwoSiloCluster.StartAsync(TimeSpan.FromMilliseconds(200), ct);
        var observer = cluster.Observer;
        var runId = Guid.CreateVersion7();
        await observer.CreateRunAsync(runId, Steps, ct);
        var secondary = cluster.Secondary.Name;

        // Prefer-local placement: started through the secondary, the run drives there.
        var started = await TwoSiloCluster.Grains(cluster.Secondary).GetGrain<IRunGrain>(runId).StartAsync(ct);
        Assert.True(started.Owned);
        await Eventually.UntilAsync(c => observer.RunAsync(runId, c), r => r.Done >= 2, "two checkpoints on the secondary", TimeSpan.FromSeconds(30), ct);
        await cluster.KillAsync(cluster.Secondary);
        var atKill = await observer.RunAsync(runId, ct);

        var finished = await Eventually.UntilAsync(c => observer.RunAsync(runId, c), r => r.Status == RunStatus.Succeeded,
            "the run to finish on the surviving silo", TimeSpan.FromSeconds(60), ct);

        Assert.Equal(Steps, finished.Done);
        var log = await observer.StepLogAsync(runId, ct);
        StepLogAssert.EveryStepOnceExceptInFlight(log, Steps, interruptions: 1);
        Assert.All(log.Where(e => e.Step <= 2), e => Assert.Equal(secondary, e.Silo));
        Assert.Contains(log, e => e.Step == Steps && e.Silo == cluster.Primary.Name);
        Assert.True(atKill.Done < Steps, "the kill came before the run finished");
        var drives = await observer.DrivesAsync(runId, ct);
        Assert.Equal(1, drives.Count(d => d == secondary));
        Assert.Contains(cluster.Primary.Name, drives);

        var snapshot = await Eventually.UntilAsync(TwoSiloCluster.Grains(cluster.Primary).GetGrain<IRunGrain>(runId).StatusAsync, s => !s.Driving,
            "the grain to record the finished drive", TimeSpan.FromSeconds(10), ct);
        Assert.Equal(RunStatus.Succeeded, snapshot.Status);
        Assert.False(snapshot.Owned);
    }

    [Fact]
    public async Task CancelAsync_DrivingRun_StopsAndIsNotResumed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await TwoSiloCluster.StartAsync(TimeSpan.FromMilliseconds(200), ct);
        var observer = cluster.Observer;
        var runId = Guid.CreateVersion7();
        await observer.CreateRunAsync(runId, 1000, ct);
        var run = TwoSiloCluster.Grains(cluster.Primary).GetGrain<IRunGrain>(runId);
        await run.StartAsync(ct);
        await Eventually.UntilAsync(c => observer.RunAsync(runId, c), r => r.Done >= 1, "a first checkpoint", TimeSpan.FromSeconds(30), ct);

        var cancelled = await run.CancelAsync(ct);

        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        Assert.Equal(RunStatus.Cancelled, (await observer.RunAsync(runId, ct)).Status);
        var restarted = await run.StartAsync(ct);
        Assert.Equal(RunStatus.Cancelled, restarted.Status);
        Assert.False(restarted.Driving);
    }
}
