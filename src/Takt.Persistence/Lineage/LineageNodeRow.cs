namespace Takt.Persistence.Lineage;

/// <summary>
/// One lineage node. <see cref="Seq"/> is the order of recording (parents always before their
/// children) and the compact key edges use, so the in-memory index loads in one pass.
/// </summary>
public sealed class LineageNodeRow
{
    public long Seq { get; set; }

    public Guid Id { get; set; }

    /// <summary>Null for a node of the shared common pool.</summary>
    public Guid? TenantId { get; set; }

    public required string Kind { get; set; }

    public required string Label { get; set; }

    public string? Reference { get; set; }

    /// <summary>The inputs of the node's weight rule and other facts, as JSON.</summary>
    public string? Attributes { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
