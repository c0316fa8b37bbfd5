namespace Takt.Persistence.Runs;

/// <summary>One node of a run, checkpointed when it finishes: a restart resumes every node not finished.</summary>
public sealed class RunNodeRow
{
    public Guid RunId { get; set; }

    public required string NodeId { get; set; }

    public required string NodeType { get; set; }

    /// <summary>pending, succeeded, cached, failed, cancelled, skipped, paused.</summary>
    public required string Status { get; set; }

    public string? CacheKey { get; set; }

    /// <summary>The node's outputs: port name → port value, as JSON.</summary>
    public string? OutputsJson { get; set; }

    public string? Backend { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }

    public Guid? LineageNodeId { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
