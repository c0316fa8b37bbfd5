using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Takt.Engine.Runs;

namespace Takt.Cluster.Runs;

/// <summary>
/// A cluster silo's intake: every few seconds it starts the grains of queued runs
/// (<c>takt run --detach</c>). Every silo scans; the grain's single activation and idempotent
/// start make sure each run is driven once.
/// </summary>
internal sealed partial class RunQueueScan(IServiceProvider services, IGrainFactory grains, ILogger<RunQueueScan> logger) : BackgroundService
{
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Lets a starting cluster's membership settle first: activations made while silos still join can be duplicated and fight over state.</summary>
    public static TimeSpan FirstScanDelay { get; } = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstScanDelay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, stoppingToken);
                if (services.GetService<IRunDriver>() is not IRunQueue queue)
                {
                    continue;
                }

                foreach (var runId in await queue.QueuedAsync(stoppingToken))
                {
                    await grains.GetGrain<IRunGrain>(runId).StartAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database or a grain call failed; the next scan tries again.
                LogScanFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue scan failed; retrying")]
    private partial void LogScanFailed(Exception exception);
}
