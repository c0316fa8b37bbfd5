namespace Takt.Domain.Lineage;

/// <summary>The share of a node that flows to one source (a contributor, or whatever the walk stopped at).</summary>
public readonly record struct AttributionShare(int Node, double Share);
