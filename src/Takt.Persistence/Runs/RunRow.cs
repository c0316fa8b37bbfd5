namespace Takt.Persistence.Runs;

/// <summary>A workflow run: the workflow it runs (canonical JSON, overrides applied) and where it stands.</summary>
public sealed class RunRow
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string WorkflowName { get; set; }

    public required string WorkflowJson { get; set; }

    /// <summary>queued, running, succeeded, failed, cancelled, paused.</summary>
    public required string Status { get; set; }

    /// <summary>Set by <c>takt runs cancel</c> from any process; the driving process polls it.</summary>
    public bool CancelRequested { get; set; }

    public string? Error { get; set; }

    public int NodeCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
