using System.Diagnostics.CodeAnalysis;

namespace Takt.Domain.Ledger;

/// <summary>
/// The outcome of <see cref="RevenueSplitter.Split"/>: either a problem with the input, or one
/// allocation per party, sorted by key in ordinal order, whose minor units add up to the amount.
/// </summary>
public sealed record SplitResult
{
    public required Money Amount { get; init; }

    public required RevenueSplitRule Rule { get; init; }

    /// <summary>Why the input could not be split; null when it was.</summary>
    public string? Problem { get; init; }

    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    /// <summary>
    /// True when every count share was zero (nothing was counted in the period), so the split fell
    /// back to attribution alone whatever the rule's λ.
    /// </summary>
    public bool NothingCounted { get; init; }

    /// <summary>The λ the weights were computed with: the rule's, or 0 when nothing was counted.</summary>
    public decimal EffectiveLambda { get; init; }

    public IReadOnlyList<Allocation> Allocations { get; init; } = [];
}
