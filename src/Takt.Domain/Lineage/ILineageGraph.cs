namespace Takt.Domain.Lineage;

/// <summary>
/// A read-only view of the graph's parent side with dense int node numbers, so the maths runs
/// over arrays (the lineage index) or over a test's hand-built graph alike.
/// </summary>
public interface ILineageGraph
{
    int NodeCount { get; }

    LineageNodeKind KindOf(int node);

    ReadOnlySpan<int> ParentsOf(int node);

    /// <summary>Weights in the same order as <see cref="ParentsOf"/>.</summary>
    ReadOnlySpan<double> WeightsOf(int node);
}
