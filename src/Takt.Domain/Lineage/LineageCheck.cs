namespace Takt.Domain.Lineage;

/// <summary>The outcome of checking a batch: the nodes in an order where parents come first, or every problem found.</summary>
public sealed record LineageCheck(IReadOnlyList<LineageNodeDraft> Ordered, IReadOnlyList<LineageProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
