namespace Takt.Domain.Ledger;

/// <summary>
/// What one party receives from a split: its shares as given, the weight computed from them
/// (rounded to <see cref="RevenueSplitter.WeightDecimals"/> places, the value the allocation used)
/// and the amount in the currency's minor units.
/// </summary>
public sealed record Allocation(string Key, decimal CountShare, decimal AttributionShare, decimal Weight, long Minor);
