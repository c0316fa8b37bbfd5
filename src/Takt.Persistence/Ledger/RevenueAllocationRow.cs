namespace Takt.Persistence.Ledger;

/// <summary>One party's part of a revenue entry, in the currency's minor units.</summary>
public sealed class RevenueAllocationRow
{
    public Guid EntryId { get; set; }

    /// <summary>A contributor node id, or a named remainder such as "retained" (sources with no contributor).</summary>
    public required string PartyKey { get; set; }

    public Guid? ContributorId { get; set; }

    public decimal CountShare { get; set; }

    public decimal AttributionShare { get; set; }

    public decimal Weight { get; set; }

    public long AmountMinor { get; set; }
}
