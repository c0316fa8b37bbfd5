using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Takt.Engine.Runs;

namespace Takt.Cluster.Runs;

/// <summary>
/// The embedded silo's watchdog: its reminders are in memory, so when it starts it asks the driver
/// which runs were left unfinished by the last process and starts their grains again.
/// </summary>
internal sealed partial class RunStartupScan(IServiceProvider services, IGrainFactory grains, ILogger<RunStartupScan> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RunStartupScan), ServiceLifecycleStage.Active, ScanAsync, _ => Task.CompletedTask);

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        // Resolved now, not in the constructor: the silo builds its participants before a driver made at start-up exists.
        var driver = services.GetRequiredService<IRunDriver>();
        var unfinished = await driver.UnfinishedAsync(cancellationToken);
        LogScan(unfinished.Count);
        foreach (var runId in unfinished)
        {
            try
            {
                await grains.GetGrain<IRunGrain>(runId).StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One bad run must not keep the silo from starting; it stays unfinished for the next scan.
                LogResumeFailed(e, runId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Startup scan: resuming {Count} unfinished run(s)")]
    private partial void LogScan(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Startup scan could not resume run {RunId}")]
    private partial void LogResumeFailed(Exception exception, Guid runId);
}
