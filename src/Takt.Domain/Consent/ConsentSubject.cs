using Takt.Domain.Archive;
using Takt.Domain.Rights;
using Takt.Domain.Tenancy;

namespace Takt.Domain.Consent;

/// <summary>Everything a consent decision needs to know about one asset, as of any moment.</summary>
public sealed record ConsentSubject
{
    public required AssetId Asset { get; init; }

    public required TenantId Tenant { get; init; }

    public required WorkCategory Category { get; init; }

    public required Licence Licence { get; init; }

    public IReadOnlyList<ConsentGrant> Grants { get; init; } = [];

    public IReadOnlyList<Revocation> Revocations { get; init; } = [];

    /// <summary>The owning tenant's policy.</summary>
    public TenantPolicy Policy { get; init; } = TenantPolicy.Default;
}
