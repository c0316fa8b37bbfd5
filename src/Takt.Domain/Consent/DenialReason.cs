using Takt.Domain.Rights;
using Takt.Domain.Tenancy;

namespace Takt.Domain.Consent;

/// <summary>Why a use is denied. A decision lists every reason that applies, not just the first.</summary>
public abstract record DenialReason
{
    /// <summary>A stable machine-readable code for scripts and dataset manifests.</summary>
    public abstract string Code { get; }

    /// <summary>A sentence for people.</summary>
    public abstract string Describe();
}

public sealed record OtherTenant(TenantId Owner, TenantScope Requester) : DenialReason
{
    public override string Code => "other-tenant";

    public override string Describe() => "the asset belongs to another tenant, whose material is walled off from this one";
}

public sealed record TenantNotInSharedPool : DenialReason
{
    public override string Code => "tenant-not-in-shared-pool";

    public override string Describe() => "the owning tenant does not contribute to the shared pool (walled garden)";
}

public sealed record CategoryExcluded(WorkCategory Category) : DenialReason
{
    public override string Code => "category-excluded";

    public override string Describe() =>
        $"works in category '{WorkCategories.Name(Category)}' are never offered for training under the tenant's policy";
}

public sealed record NoConsent(Purpose Purpose) : DenialReason
{
    public override string Code => "no-consent";

    public override string Describe() =>
        $"no consent is recorded for {Purposes.Name(Purpose)} and the licence does not grant it";
}

public sealed record ConsentRefused(Purpose Purpose, ConsentSource Source, string? Evidence) : DenialReason
{
    public override string Code => "consent-refused";

    public override string Describe() =>
        $"{Purposes.Name(Purpose)} is not allowed ({SourceName(Source)}{(Evidence is null ? "" : ": " + Evidence)})";

    internal static string SourceName(ConsentSource source) => source switch
    {
        ConsentSource.Agreement => "agreement with the rights holder",
        ConsentSource.C2paAssertion => "C2PA/CAWG assertion on the file",
        ConsentSource.EmbeddedXmp => "embedded XMP metadata",
        _ => source.ToString(),
    };
}

public sealed record ConstrainedWithoutTerms(Purpose Purpose) : DenialReason
{
    public override string Code => "constrained-without-terms";

    public override string Describe() =>
        $"{Purposes.Name(Purpose)} is constrained but no terms are recorded, which counts as not allowed";
}

public sealed record Revoked(Purpose Purpose, DateTimeOffset EffectiveAt, DateTimeOffset RemovalDeadline, bool RetrainFromScratch, string? Reason) : DenialReason
{
    public override string Code => "revoked";

    public override string Describe() =>
        $"consent for {Purposes.Name(Purpose)} was withdrawn effective {EffectiveAt:u}; existing uses must be removed by {RemovalDeadline:u}"
        + (RetrainFromScratch ? " and affected models retrained from scratch" : "")
        + (Reason is null ? "" : $" ({Reason})");
}
