using Takt.Domain.Lineage;

namespace Takt.Provenance.Export;

/// <summary>A <c>derivedFrom(child, parent, weight, role)</c> edge whose two ends are both in the subgraph.</summary>
/// <param name="Ordinal">The parent's position in the child's recorded parent list.</param>
public sealed record SubgraphEdge(LineageNodeId Child, LineageNodeId Parent, int Ordinal, double Weight, EdgeRole Role);
