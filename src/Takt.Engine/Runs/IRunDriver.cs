namespace Takt.Engine.Runs;

/// <summary>
/// Drives persisted runs. This is the seam between the engine (plain C#) and its hosts: the
/// Orleans run grain and the in-process CLI both call it. Every method is idempotent, because
/// a caller whose silo died retries: driving a finished run returns its status at once, and
/// driving an unfinished run (after a crash, on another process) resumes its unfinished nodes
/// from the last checkpoint without duplicating outputs or lineage nodes.
/// </summary>
public interface IRunDriver
{
    /// <summary>Runs the run until it is finished, failed, cancelled or paused, checkpointing after each node.</summary>
    Task<RunStatus> DriveAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>Asks a run to stop: pending nodes never start, running nodes are cancelled on their backends.</summary>
    Task CancelAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>Runs that were queued or running when their process stopped: what a startup scan or watchdog resumes.</summary>
    Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken cancellationToken);
}

/// <summary>Runs waiting for a cluster to pick them up; a silo's queue scan starts their grains.</summary>
public interface IRunQueue
{
    Task<IReadOnlyList<Guid>> QueuedAsync(CancellationToken cancellationToken);
}
