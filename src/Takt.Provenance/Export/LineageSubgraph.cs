using Takt.Domain.Lineage;

namespace Takt.Provenance.Export;

/// <summary>
/// What an export writes: the nodes around a root in recording order, the edges between them in
/// (child, ordinal) order, and their invalidations. Everything is ordered, so the same graph
/// always exports to the same bytes.
/// </summary>
/// <param name="Scope">The tenant slug the subgraph was read for, or null for the operator's view.</param>
public sealed record LineageSubgraph(
    LineageNodeId Root,
    LineageExportDirection Direction,
    string? Scope,
    IReadOnlyList<SubgraphNode> Nodes,
    IReadOnlyList<SubgraphEdge> Edges,
    IReadOnlyList<SubgraphInvalidation> Invalidations);
