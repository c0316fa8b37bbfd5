namespace Takt.Domain.Tenancy;

/// <summary>A studio or IP holder. Every record in Takt belongs to exactly one tenant.</summary>
public readonly record struct TenantId(Guid Value)
{
    public static TenantId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString("D");
}
