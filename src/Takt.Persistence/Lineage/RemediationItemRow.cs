namespace Takt.Persistence.Lineage;

/// <summary>Work an opt-out demands: re-derive a dataset, retrain or re-merge a model, re-render an output.</summary>
public sealed class RemediationItemRow
{
    public Guid Id { get; set; }

    public Guid? TenantId { get; set; }

    public Guid RevocationId { get; set; }

    public Guid NodeId { get; set; }

    public required string NodeKind { get; set; }

    public required string Action { get; set; }

    public bool FromScratch { get; set; }

    public DateTimeOffset Deadline { get; set; }

    /// <summary>pending or done; overdue is pending past the deadline, decided when read.</summary>
    public required string State { get; set; }

    public Guid? ReplacementNodeId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
}
