namespace Takt.Engine.Runs;

/// <summary>A persisted run as the executor resumes it: its workflow, status and node checkpoints.</summary>
public sealed record RunRecord(
    Guid Id,
    Guid Tenant,
    string WorkflowJson,
    RunStatus Status,
    bool CancelRequested,
    IReadOnlyDictionary<string, NodeCheckpoint> Nodes);

/// <summary>A node's state as checkpointed. <see cref="Outputs"/> is set for done nodes.</summary>
public sealed record NodeCheckpoint(
    string NodeId,
    string NodeType,
    NodeStatus Status,
    int Attempts,
    string? CacheKey = null,
    IReadOnlyDictionary<string, Takt.Domain.Workflows.PortValue>? Outputs = null,
    string? Backend = null,
    string? Error = null,
    Guid? LineageNode = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null);

/// <summary>A reusable result found by cache key.</summary>
public sealed record CachedResult(IReadOnlyDictionary<string, Takt.Domain.Workflows.PortValue> Outputs, Guid? LineageNode);
