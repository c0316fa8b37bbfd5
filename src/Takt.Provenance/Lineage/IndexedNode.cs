using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;

namespace Takt.Provenance.Lineage;

/// <summary>A recorded node as the index takes it: its store sequence number and its parents by id.</summary>
public sealed record IndexedNode(long Seq, LineageNodeId Id, LineageNodeKind Kind, TenantId? Tenant, IReadOnlyList<(LineageNodeId Parent, double Weight)> Parents);
