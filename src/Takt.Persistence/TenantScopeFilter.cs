namespace Takt.Persistence;

/// <summary>Which tenant a context may see; <see cref="All"/> is the operator's view on a local workspace.</summary>
public sealed record TenantScopeFilter(Guid? TenantId)
{
    public static TenantScopeFilter All { get; } = new((Guid?)null);
}
