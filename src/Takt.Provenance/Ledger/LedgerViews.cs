namespace Takt.Provenance.Ledger;

/// <summary>A recorded revenue entry and how it was split.</summary>
public sealed record RevenueEntryView(Guid Id, Guid ProductId, string Product, string Amount, string Currency, string Period, int RuleVersion, decimal Lambda, string SnapshotHash, IReadOnlyList<AllocationView> Allocations);

/// <summary>One party's part. <see cref="Party"/> is a contributor's name, "retained" (sources with no contributor) or "shared-pool".</summary>
public sealed record AllocationView(string PartyKey, string Party, decimal CountShare, decimal AttributionShare, decimal Weight, string Amount);

/// <summary>A contributor's statement for a period: every line traceable to an entry and its snapshot.</summary>
public sealed record StatementView(string Contributor, Guid ContributorId, string Period, IReadOnlyList<StatementLine> Lines, IReadOnlyList<string> Totals, string StatementHash);

public sealed record StatementLine(Guid EntryId, string EntryPeriod, string Product, string Revenue, decimal Weight, string Amount, string SnapshotHash);

/// <summary>A product's credits: contributors named where they agreed to be, otherwise counted anonymously.</summary>
public sealed record CreditsView(string Product, IReadOnlyList<CreditLine> Credits, int Anonymous);

public sealed record CreditLine(string Name, string Role, double Share);

/// <summary>A value or why there is none.</summary>
public sealed record LedgerOutcome<T>(T? Value, string? Problem)
    where T : class;
