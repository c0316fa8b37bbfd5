using Takt.Domain.Lineage;

namespace Takt.Provenance.Export;

/// <summary>One node of an exported subgraph, with what the tables know about it.</summary>
/// <param name="Seq">The order it was recorded in; exports list nodes in this order.</param>
/// <param name="Tenant">The owning tenant's slug, or <c>shared-pool</c>.</param>
public sealed record SubgraphNode(
    long Seq,
    LineageNodeId Id,
    LineageNodeKind Kind,
    string Label,
    Guid? TenantId,
    string Tenant,
    string? Reference,
    string? Attributes,
    DateTimeOffset RecordedAt);
