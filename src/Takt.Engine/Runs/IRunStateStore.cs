namespace Takt.Engine.Runs;

/// <summary>Where run state lives: the workspace database (SQLite or PostgreSQL), or memory for scheduling benchmarks.</summary>
public interface IRunStateStore
{
    Task<RunRecord?> LoadAsync(Guid runId, CancellationToken cancellationToken);

    Task MarkRunningAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes finished nodes (and their cache entries, for nodes that ran) with their events in one
    /// transaction. Writing the same checkpoint twice is harmless.
    /// </summary>
    Task CheckpointAsync(Guid runId, Guid tenant, IReadOnlyList<NodeCheckpoint> nodes, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken);

    Task FinishAsync(Guid runId, RunStatus status, string? error, CancellationToken cancellationToken);

    Task<bool> CancelRequestedAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>Asks for one node of a running run to be cancelled; its dependents are then skipped, the rest of the run goes on.</summary>
    Task RequestCancelNodeAsync(Guid runId, string nodeId, CancellationToken cancellationToken);

    /// <summary>Nodes of the run someone asked to cancel (<c>takt runs cancel RUN --node N</c>).</summary>
    Task<IReadOnlyList<string>> CancelledNodesAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>Returns false when the run does not exist.</summary>
    Task<bool> RequestCancelAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>The cached results among <paramref name="cacheKeys"/>, by key: one look-up for every node that became ready together.</summary>
    Task<IReadOnlyDictionary<string, CachedResult>> FindCachedAsync(Guid tenant, IReadOnlyCollection<string> cacheKeys, CancellationToken cancellationToken);

    Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken cancellationToken);

    /// <summary>Runs queued for a cluster to pick up (<c>takt run --detach</c>), oldest first.</summary>
    Task<IReadOnlyList<Guid>> QueuedAsync(CancellationToken cancellationToken);
}
