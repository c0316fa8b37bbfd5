namespace Takt.Domain.Lineage;

/// <summary>One chain of derivations from a node to a source, with the product of its weights.</summary>
public sealed record AttributionPath(IReadOnlyList<int> Nodes, double Weight);
