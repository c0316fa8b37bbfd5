namespace Takt.Persistence.Lineage;

/// <summary>PROV <c>wasInvalidatedBy</c>: a node no longer usable because of a revocation. The node itself is kept.</summary>
public sealed class LineageInvalidationRow
{
    public Guid Id { get; set; }

    public Guid NodeId { get; set; }

    public Guid? TenantId { get; set; }

    public Guid RevocationId { get; set; }

    public DateTimeOffset InvalidatedAt { get; set; }
}
