using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Takt.Cluster.Hosting;
using Takt.Cluster.Runs;
using Takt.Cluster.Schema;
using Takt.Cluster.Tests.Support;
using Takt.Cluster.TestSilo;
using Takt.Engine.Runs;
using Takt.TestKit.Files;

namespace Takt.Cluster.Tests.Runs;

/// <summary>The embedded default: one silo per process over SQLite, in-memory reminders, and the startup scan that resumes runs.</summary>
public sealed class EmbeddedSiloTests
{
    private const int Steps = 10;

    [Fact]
    public async Task StartRun_SiloStoppedMidRun_NextSiloOnWorkspaceResumesAndCompletes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var workspace = new TempFolder("takt-embedded");
        var driverDatabase = $"Data Source={workspace.Combine("driver.db")}";
        var first = new StepLogDriver(OrleansProvider.Sqlite, driverDatabase, "first", TimeSpan.FromMilliseconds(150));
        await first.EnsureSchemaAsync(ct);
        var runId = Guid.CreateVersion7();
        await first.CreateRunAsync(runId, Steps, ct);

        using (var host = await StartSiloAsync(workspace.Path, first, ct))
        {
            var run = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IRunGrain>(runId);
            await run.StartAsync(ct);
            var again = await run.StartAsync(ct);
            Assert.True(again.Owned);

            await Eventually.UntilAsync(c => first.RunAsync(runId, c), r => r.Done >= 3, "three checkpointed steps", TimeSpan.FromSeconds(30), ct);
            Assert.Equal(1, (await run.StatusAsync(ct)).Drives);
            await host.StopAsync(ct);
        }

        var stopped = await first.RunAsync(runId, ct);
        Assert.Equal(RunStatus.Running, stopped.Status);
        Assert.InRange(stopped.Done, 3, Steps - 1);
        Assert.True(File.Exists(Path.Combine(workspace.Path, TaktSiloBuilderExtensions.EmbeddedDatabaseFile)), "grain state lives in the workspace's orleans.db");

        var second = new StepLogDriver(OrleansProvider.Sqlite, driverDatabase, "second", TimeSpan.FromMilliseconds(150));
        using (var host = await StartSiloAsync(workspace.Path, second, ct))
        {
            // Nobody calls the grain: the startup scan must find the run and resume it.
            var finished = await Eventually.UntilAsync(c => second.RunAsync(runId, c), r => r.Status == RunStatus.Succeeded, "the resumed run to succeed", TimeSpan.FromSeconds(30), ct);
            Assert.Equal(Steps, finished.Done);

            var snapshot = await Eventually.UntilAsync(c => host.Services.GetRequiredService<IGrainFactory>().GetGrain<IRunGrain>(runId).StatusAsync(c),
                s => !s.Driving, "the grain to record the finished drive", TimeSpan.FromSeconds(10), ct);
            Assert.Equal(RunStatus.Succeeded, snapshot.Status);
            Assert.False(snapshot.Owned);
            Assert.Equal(2, snapshot.Drives);
            await host.StopAsync(ct);
        }

        Assert.Equal(["first", "second"], await first.DrivesAsync(runId, ct));
        var log = await first.StepLogAsync(runId, ct);
        StepLogAssert.EveryStepOnceExceptInFlight(log, Steps, interruptions: 1);
        Assert.Contains(log, e => e.Silo == "second" && e.Step > stopped.Done);
        Assert.DoesNotContain(log, e => e.Silo == "second" && e.Step <= stopped.Done);
    }

    [Fact]
    public async Task StartAsync_FinishedRun_DoesNotDriveAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        using var workspace = new TempFolder("takt-embedded");
        var driver = new StepLogDriver(OrleansProvider.Sqlite, $"Data Source={workspace.Combine("driver.db")}", "only", TimeSpan.FromMilliseconds(10));
        await driver.EnsureSchemaAsync(ct);
        var runId = Guid.CreateVersion7();
        await driver.CreateRunAsync(runId, 2, ct);

        // This host builds its driver while the silo starts, as the engine's executor is built.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseTaktEmbedded(workspace.Path).AddTaktRunDriver(async (_, c) =>
        {
            await driver.EnsureSchemaAsync(c);
            return driver;
        }));
        using var host = builder.Build();
        await host.StartAsync(ct);
        var run = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IRunGrain>(runId);
        await run.StartAsync(ct);
        await Eventually.UntilAsync(run.StatusAsync, s => s.Status == RunStatus.Succeeded, "the run to succeed", TimeSpan.FromSeconds(30), ct);

        var after = await run.StartAsync(ct);

        Assert.Equal(RunStatus.Succeeded, after.Status);
        Assert.False(after.Driving);
        Assert.Single(await driver.DrivesAsync(runId, ct));
        await host.StopAsync(ct);
    }

    private static async Task<IHost> StartSiloAsync(string workspace, IRunDriver driver, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(driver);
        builder.UseOrleans(silo => silo.UseTaktEmbedded(workspace));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}
