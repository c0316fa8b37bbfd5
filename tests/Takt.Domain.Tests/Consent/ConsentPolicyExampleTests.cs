using Takt.Domain.Archive;
using Takt.Domain.Consent;
using Takt.Domain.Rights;
using Takt.Domain.Tenancy;

namespace Takt.Domain.Tests.Consent;

/// <summary>The documented consent rules, one worked example each.</summary>
public sealed class ConsentPolicyExampleTests
{
    private static readonly TenantId Studio = new(Guid.Parse("0195f0a0-0000-7000-8000-0000000000c1"));
    private static readonly DateTimeOffset Signed = new(2025, 1, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TenantScope Own = TenantScope.Own(Studio);

    private static ConsentSubject Asset(Licence? licence = null, TenantPolicy? policy = null, params ConsentGrant[] grants) => new()
    {
        Asset = new AssetId(Guid.Parse("0195f0a0-0000-7000-8000-0000000000d1")),
        Tenant = Studio,
        Category = WorkCategory.Production,
        Licence = licence ?? Licence.Proprietary,
        Grants = grants,
        Policy = policy ?? TenantPolicy.Default,
    };

    private static ConsentGrant Grant(Purpose purpose, ConsentState state, ConsentSource source = ConsentSource.Agreement, string? terms = null, string? evidence = null, DateTimeOffset? from = null) =>
        new(purpose, state, from ?? Signed, source, terms, evidence);

    [Fact]
    public void Decide_AgreementAllows_Allowed()
    {
        var decision = ConsentPolicy.Decide(Asset(grants: Grant(Purpose.GenerativeTraining, ConsentState.Allowed)), Purpose.GenerativeTraining, Own, Now);

        Assert.True(decision.IsAllowed);
        Assert.Empty(decision.Reasons);
        Assert.Empty(decision.Conditions);
    }

    [Fact]
    public void Decide_NotAllowed_DeniedWithConsentRefusedAndSource()
    {
        var asset = Asset(grants: Grant(Purpose.ReferenceUse, ConsentState.NotAllowed, ConsentSource.C2paAssertion, evidence: "cawg.ai_inference: notAllowed"));

        var decision = ConsentPolicy.Decide(asset, Purpose.ReferenceUse, Own, Now);

        Assert.False(decision.IsAllowed);
        var refused = Assert.IsType<ConsentRefused>(Assert.Single(decision.Reasons));
        Assert.Equal(new ConsentRefused(Purpose.ReferenceUse, ConsentSource.C2paAssertion, "cawg.ai_inference: notAllowed"), refused);
        Assert.Equal("consent-refused", refused.Code);
        Assert.Contains("C2PA", refused.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ConstrainedWithTerms_AllowedWithCondition()
    {
        var asset = Asset(grants: Grant(Purpose.NonGenerativeTraining, ConsentState.Constrained, terms: "in-house cleanup models only"));

        var decision = ConsentPolicy.Decide(asset, Purpose.NonGenerativeTraining, Own, Now);

        Assert.True(decision.IsAllowed);
        Assert.Contains(decision.Conditions, c => c.Contains("in-house cleanup models only", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Decide_ConstrainedWithoutTerms_DeniedConstrainedWithoutTerms(string? terms)
    {
        var asset = Asset(licence: Licence.Cc0, grants: Grant(Purpose.GenerativeTraining, ConsentState.Constrained, terms: terms));

        var decision = ConsentPolicy.Decide(asset, Purpose.GenerativeTraining, Own, Now);

        Assert.False(decision.IsAllowed);
        Assert.Equal(new ConstrainedWithoutTerms(Purpose.GenerativeTraining), Assert.Single(decision.Reasons));
    }

    [Fact]
    public void Decide_UnspecifiedUnderCc0_AllowedWithoutConditions()
    {
        var asset = Asset(licence: Licence.Cc0, grants: Grant(Purpose.GenerativeTraining, ConsentState.Unspecified));

        var decision = ConsentPolicy.Decide(asset, Purpose.GenerativeTraining, Own, Now);

        Assert.True(decision.IsAllowed);
        Assert.Empty(decision.Conditions);
    }

    [Fact]
    public void Decide_UnspecifiedUnderCcBy_AllowedWithCreditCondition()
    {
        var decision = ConsentPolicy.Decide(Asset(licence: Licence.CcBy4), Purpose.ReferenceUse, Own, Now);

        Assert.True(decision.IsAllowed);
        Assert.Contains(decision.Conditions, c => c.Contains("credit", StringComparison.Ordinal) && c.Contains("CC-BY-4.0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("LicenseRef-Proprietary")]
    [InlineData("NOASSERTION")]
    [InlineData("CC-BY-NC-4.0")]
    public void Decide_UnspecifiedUnderClosedLicence_DeniedNoConsent(string licence)
    {
        var decision = ConsentPolicy.Decide(Asset(licence: Licence.Parse(licence)), Purpose.GenerativeTraining, Own, Now);

        Assert.False(decision.IsAllowed);
        Assert.Equal(new NoConsent(Purpose.GenerativeTraining), Assert.Single(decision.Reasons));
    }

    [Fact]
    public void Decide_AgreementAllowsOverXmpRefusal_AllowedWithPrecedenceNote()
    {
        var asset = Asset(grants:
        [
            Grant(Purpose.GenerativeTraining, ConsentState.NotAllowed, ConsentSource.EmbeddedXmp, from: Signed.AddDays(30)),
            Grant(Purpose.GenerativeTraining, ConsentState.Allowed, ConsentSource.Agreement),
        ]);

        var decision = ConsentPolicy.Decide(asset, Purpose.GenerativeTraining, Own, Now);

        Assert.True(decision.IsAllowed);
        Assert.Contains(decision.Notes, n => n.Contains("agreement with the rights holder takes precedence over embedded XMP metadata", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_ConsentGrantedAgainAfterRevocation_Allowed()
    {
        var revocation = Revocation.Under(TenantPolicy.Default, [Purpose.GenerativeTraining], Signed.AddDays(10), reason: "artist asked");
        var asset = Asset(grants:
        [
            Grant(Purpose.GenerativeTraining, ConsentState.Allowed),
            Grant(Purpose.GenerativeTraining, ConsentState.Allowed, from: Signed.AddDays(20)),
        ]) with
        { Revocations = [revocation] };

        Assert.Equal(
            new Revoked(Purpose.GenerativeTraining, revocation.EffectiveAt, revocation.EffectiveAt.AddDays(60), false, "artist asked"),
            Assert.Single(ConsentPolicy.Decide(asset, Purpose.GenerativeTraining, Own, Signed.AddDays(15)).Reasons));
        Assert.True(ConsentPolicy.Decide(asset, Purpose.GenerativeTraining, Own, Now).IsAllowed);
    }

    [Fact]
    public void Decide_RevokedThenUnspecifiedUnderCc0_StaysRevoked()
    {
        // Regression: a later "unspecified" statement used to let an open licence revive withdrawn consent.
        var revocation = Revocation.Under(TenantPolicy.Default, [Purpose.GenerativeTraining], Signed.AddDays(10));
        var asset = Asset(licence: Licence.Cc0, grants: Grant(Purpose.GenerativeTraining, ConsentState.Unspecified, ConsentSource.EmbeddedXmp, from: Signed.AddDays(20)))
            with
        { Revocations = [revocation] };

        var decision = ConsentPolicy.Decide(asset, Purpose.GenerativeTraining, Own, Now);

        Assert.False(decision.IsAllowed);
        Assert.IsType<Revoked>(Assert.Single(decision.Reasons));
    }

    [Fact]
    public void Decide_SharedPoolWithPurposeGrantOnly_DeniedForPoolConsent()
    {
        var pooling = TenantPolicy.Default with { ContributesToSharedPool = true };
        var purposeOnly = Asset(policy: pooling, grants: Grant(Purpose.GenerativeTraining, ConsentState.Allowed));
        var poolOnly = Asset(policy: pooling, grants: Grant(Purpose.SharedPoolTraining, ConsentState.Allowed));
        var both = purposeOnly with { Grants = [.. purposeOnly.Grants, .. poolOnly.Grants] };

        var withoutPool = ConsentPolicy.Decide(purposeOnly, Purpose.GenerativeTraining, TenantScope.SharedPool, Now);
        var withoutPurpose = ConsentPolicy.Decide(poolOnly, Purpose.GenerativeTraining, TenantScope.SharedPool, Now);
        var withBoth = ConsentPolicy.Decide(both, Purpose.GenerativeTraining, TenantScope.SharedPool, Now);

        Assert.Equal(new NoConsent(Purpose.SharedPoolTraining), Assert.Single(withoutPool.Reasons));
        Assert.Equal(new NoConsent(Purpose.GenerativeTraining), Assert.Single(withoutPurpose.Reasons));
        Assert.True(withBoth.IsAllowed);
        Assert.True(ConsentPolicy.Decide(purposeOnly, Purpose.GenerativeTraining, Own, Now).IsAllowed);
    }

    [Fact]
    public void Decide_SharedPoolCreditsDisplay_NeedsNoPoolGrant()
    {
        var asset = Asset(policy: TenantPolicy.Default with { ContributesToSharedPool = true }, grants: Grant(Purpose.CreditsDisplay, ConsentState.Allowed));

        Assert.True(ConsentPolicy.Decide(asset, Purpose.CreditsDisplay, TenantScope.SharedPool, Now).IsAllowed);
    }

    [Fact]
    public void Decide_SeveralProblems_ReportsEveryReason()
    {
        var asset = Asset(grants: Grant(Purpose.GenerativeTraining, ConsentState.NotAllowed)) with { Category = WorkCategory.Commission };

        var decision = ConsentPolicy.Decide(asset, Purpose.GenerativeTraining, TenantScope.SharedPool, Now);

        Assert.False(decision.IsAllowed);
        Assert.Equal(
            [
                new TenantNotInSharedPool(),
                new CategoryExcluded(WorkCategory.Commission),
                new ConsentRefused(Purpose.GenerativeTraining, ConsentSource.Agreement, null),
                new NoConsent(Purpose.SharedPoolTraining),
            ],
            decision.Reasons);
        Assert.All(decision.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Describe())));
    }

    [Fact]
    public void Decide_OtherTenant_DeniedOtherTenant()
    {
        var other = TenantScope.Own(new TenantId(Guid.Parse("0195f0a0-0000-7000-8000-0000000000c2")));
        var asset = Asset(licence: Licence.Cc0, grants: Grant(Purpose.ReferenceUse, ConsentState.Allowed));

        var decision = ConsentPolicy.Decide(asset, Purpose.ReferenceUse, other, Now);

        Assert.Equal(new OtherTenant(Studio, other), Assert.Single(decision.Reasons));
    }
}
