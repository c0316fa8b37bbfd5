namespace Takt.Domain.Tenancy;

/// <summary>
/// On whose behalf a use is requested: one tenant's walled garden, or the shared common pool
/// that only opted-in tenants feed. The shared pool is explicit so that no code path can
/// reach it by passing "some other tenant".
/// </summary>
public readonly record struct TenantScope
{
    private TenantScope(TenantId? tenant) => Tenant = tenant;

    /// <summary>The tenant asking, or null for the shared common pool.</summary>
    public TenantId? Tenant { get; }

    public bool IsSharedPool => Tenant is null;

    public static TenantScope Own(TenantId tenant) => new(tenant);

    public static TenantScope SharedPool { get; } = new(null);

    public override string ToString() => Tenant is { } t ? $"tenant {t}" : "shared pool";
}
