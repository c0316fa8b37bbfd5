namespace Takt.Domain.Ledger;

/// <summary>
/// One party to a revenue split, identified by a stable key (a contributor or studio id), with its
/// share of counted uses and its share of attribution. Each kind of share sums to 1 over the parties.
/// </summary>
public sealed record SplitParty(string Key, decimal CountShare, decimal AttributionShare);
