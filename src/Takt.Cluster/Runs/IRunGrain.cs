namespace Takt.Cluster.Runs;

/// <summary>
/// One persisted run, keyed by its run id. The grain only owns the run (persisted), keeps a
/// watchdog that survives its silo, and drives it in the background through <c>IRunDriver</c>.
/// </summary>
public interface IRunGrain : IGrainWithGuidKey
{
    /// <summary>Takes ownership and starts driving in the background; idempotent (a second call neither restarts nor duplicates the drive).</summary>
    Task<RunSnapshot> StartAsync(CancellationToken cancellationToken);

    Task<RunSnapshot> StatusAsync(CancellationToken cancellationToken);

    /// <summary>Cancels the run through the driver and stops driving here; the watchdog is removed.</summary>
    Task<RunSnapshot> CancelAsync(CancellationToken cancellationToken);
}
