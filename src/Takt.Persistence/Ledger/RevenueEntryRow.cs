namespace Takt.Persistence.Ledger;

/// <summary>
/// Revenue recorded for a product, and the split made of it. <see cref="Snapshot"/> holds every
/// input of the split as canonical JSON; <see cref="SnapshotHash"/> is its SHA-256, so an auditor
/// can re-derive the allocations and compare.
/// </summary>
public sealed class RevenueEntryRow
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid ProductNodeId { get; set; }

    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    /// <summary>"2026-10", "2026-Q4" or "2026".</summary>
    public required string Period { get; set; }

    public int RuleVersion { get; set; }

    public decimal Lambda { get; set; }

    public required string Snapshot { get; set; }

    public required string SnapshotHash { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
