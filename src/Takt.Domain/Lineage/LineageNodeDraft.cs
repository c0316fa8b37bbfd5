using Takt.Domain.Tenancy;

namespace Takt.Domain.Lineage;

/// <summary>
/// A node to append, with every parent it will ever have: parents are fixed when a node is
/// recorded, so a node's ancestry, and with it its attribution, never changes afterwards.
/// </summary>
/// <param name="Tenant">The owning tenant, or null for a node of the shared common pool.</param>
/// <param name="Reference">What the node stands for outside the graph: an asset id, a file hash, a job id.</param>
/// <param name="Attributes">The inputs of the node's weight rule and other facts, as JSON, kept with the node.</param>
public sealed record LineageNodeDraft(
    LineageNodeId Id,
    LineageNodeKind Kind,
    TenantId? Tenant,
    string Label,
    IReadOnlyList<ParentLink> Parents,
    string? Reference = null,
    string? Attributes = null);
