using Takt.Domain.Tenancy;

namespace Takt.Domain.Lineage;

/// <summary>What the rules need to know about a node already in the graph.</summary>
public sealed record RecordedNode(LineageNodeKind Kind, TenantId? Tenant);
