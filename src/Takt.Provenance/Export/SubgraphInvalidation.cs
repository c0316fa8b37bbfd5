using Takt.Domain.Lineage;

namespace Takt.Provenance.Export;

/// <summary>A node of the subgraph made unusable by a consent revocation (PROV <c>wasInvalidatedBy</c>).</summary>
public sealed record SubgraphInvalidation(LineageNodeId Node, Guid Revocation, DateTimeOffset At);
