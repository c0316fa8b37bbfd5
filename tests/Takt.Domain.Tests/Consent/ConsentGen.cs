using CsCheck;
using Takt.Domain.Archive;
using Takt.Domain.Consent;
using Takt.Domain.Rights;
using Takt.Domain.Tenancy;

namespace Takt.Domain.Tests.Consent;

/// <summary>
/// Generators of random consent subjects. Moments fall on a small grid of minutes so that
/// grants, revocations and the moment of decision often coincide or interleave.
/// </summary>
public static class ConsentGen
{
    public static readonly DateTimeOffset Origin = new(2025, 4, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly TenantId StudioA = new(Guid.Parse("0195f0a0-0000-7000-8000-00000000000a"));

    public static readonly TenantId StudioB = new(Guid.Parse("0195f0a0-0000-7000-8000-00000000000b"));

    public static readonly Licence[] Licences =
    [
        Licence.Cc0,
        Licence.CcBy4,
        Licence.Parse("CC-BY-SA-4.0"),
        Licence.Parse("CC-BY-NC-4.0"),
        Licence.Proprietary,
        Licence.NoAssertion,
        Licence.Parse("LicenseRef-DerivativeGuideline", "no merchandise, credit the studio"),
    ];

    public static readonly Gen<DateTimeOffset> Moment = Gen.Int[0, 120].Select(m => Origin.AddMinutes(m));

    public static readonly Gen<Purpose> AnyPurpose = Gen.Enum<Purpose>();

    public static readonly Gen<Purpose> TrainingPurpose = Gen.OneOf(Purpose.GenerativeTraining, Purpose.NonGenerativeTraining, Purpose.SharedPoolTraining);

    public static readonly Gen<ConsentGrant> Grant = Gen.Select(
        AnyPurpose,
        Gen.Enum<ConsentState>(),
        Moment,
        Gen.Enum<ConsentSource>(),
        Gen.OneOf<string?>(null, "", "  ", "non-commercial only", "credit the key animator"),
        Gen.OneOf<string?>(null, "contract 2025-014", "XMP plus:DataMining"),
        (purpose, state, from, source, terms, evidence) => new ConsentGrant(purpose, state, from, source, terms, evidence));

    public static readonly Gen<Revocation> Revocation = Gen.Select(
        AnyPurpose.HashSet[1, 3],
        Moment,
        Gen.Int[0, 90],
        Gen.Bool,
        Gen.OneOf<string?>(null, "artist withdrew consent"),
        (purposes, at, days, retrain, reason) => new Revocation(purposes, at, at.AddDays(days), retrain, reason));

    public static readonly Gen<TenantPolicy> Policy = Gen.Select(
        Gen.Enum<WorkCategory>().HashSet[0, 3],
        Gen.Bool,
        Gen.Bool,
        (excluded, retrain, pool) => new TenantPolicy
        {
            ExcludedFromTraining = excluded,
            RetrainFromScratch = retrain,
            ContributesToSharedPool = pool,
        });

    public static readonly Gen<ConsentSubject> Subject = Gen.Select(
        Gen.Guid,
        Gen.OneOf(StudioA, StudioB),
        Gen.Enum<WorkCategory>(),
        Gen.OneOf(Licences),
        Grant.List[0, 8],
        Revocation.List[0, 2],
        Policy,
        (asset, tenant, category, licence, grants, revocations, policy) => new ConsentSubject
        {
            Asset = new AssetId(asset),
            Tenant = tenant,
            Category = category,
            Licence = licence,
            Grants = grants,
            Revocations = revocations,
            Policy = policy,
        });

    /// <summary>A subject, a purpose, a scope (own, other tenant's or shared pool) and a moment.</summary>
    public static readonly Gen<(ConsentSubject Subject, Purpose Purpose, TenantScope Scope, DateTimeOffset At)> Case =
        Gen.Select(Subject, AnyPurpose, Gen.Int[0, 2], Moment, (subject, purpose, which, at) => (subject, purpose, ScopeFor(subject, which), at));

    public static TenantScope ScopeFor(ConsentSubject subject, int which) => which switch
    {
        0 => TenantScope.Own(subject.Tenant),
        1 => TenantScope.Own(OtherThan(subject.Tenant)),
        _ => TenantScope.SharedPool,
    };

    public static TenantId OtherThan(TenantId tenant) => tenant == StudioA ? StudioB : StudioA;

    /// <summary>Decisions are records holding lists, so compare them field by field, in order.</summary>
    public static void AssertSameDecision(ConsentDecision expected, ConsentDecision actual)
    {
        Assert.Equal(expected.IsAllowed, actual.IsAllowed);
        Assert.Equal(expected.Reasons, actual.Reasons);
        Assert.Equal(expected.Conditions, actual.Conditions);
        Assert.Equal(expected.Notes, actual.Notes);
    }
}
