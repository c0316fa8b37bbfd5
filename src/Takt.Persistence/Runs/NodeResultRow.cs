namespace Takt.Persistence.Runs;

/// <summary>
/// A node result remembered by its cache key (node type + version, parameters, input content
/// hashes), per tenant: a cached result points at the Generation node of the run that made it,
/// and lineage never crosses tenants.
/// </summary>
public sealed class NodeResultRow
{
    public Guid TenantId { get; set; }

    public required string CacheKey { get; set; }

    public required string NodeType { get; set; }

    public required string OutputsJson { get; set; }

    public Guid? LineageNodeId { get; set; }

    public Guid RunId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
