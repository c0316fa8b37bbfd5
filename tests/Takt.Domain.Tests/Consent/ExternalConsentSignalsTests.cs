using Takt.Domain.Consent;
using Takt.Domain.Rights;

namespace Takt.Domain.Tests.Consent;

public sealed class ExternalConsentSignalsTests
{
    private const string Plus = "http://ns.useplus.org/ldf/vocab/";
    private static readonly DateTimeOffset Read = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    private static IEnumerable<(Purpose, ConsentState)> Statements(IReadOnlyList<ConsentGrant> grants) =>
        grants.Select(g => (g.Purpose, g.State)).OrderBy(s => s.Purpose);

    public static TheoryData<string, (Purpose, ConsentState)[]> DmiValues => new()
    {
        { "DMI-ALLOWED", [(Purpose.GenerativeTraining, ConsentState.Allowed), (Purpose.NonGenerativeTraining, ConsentState.Allowed)] },
        { "DMI-PROHIBITED-AIMLTRAINING", [(Purpose.GenerativeTraining, ConsentState.NotAllowed), (Purpose.NonGenerativeTraining, ConsentState.NotAllowed)] },
        { "DMI-PROHIBITED-GENAIMLTRAINING", [(Purpose.GenerativeTraining, ConsentState.NotAllowed)] },
        {
            "DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING",
            [(Purpose.GenerativeTraining, ConsentState.NotAllowed), (Purpose.NonGenerativeTraining, ConsentState.NotAllowed), (Purpose.ReferenceUse, ConsentState.NotAllowed)]
        },
        {
            "DMI-PROHIBITED",
            [(Purpose.GenerativeTraining, ConsentState.NotAllowed), (Purpose.NonGenerativeTraining, ConsentState.NotAllowed), (Purpose.ReferenceUse, ConsentState.NotAllowed)]
        },
        {
            "DMI-PROHIBITED-SEECONSTRAINT",
            [(Purpose.GenerativeTraining, ConsentState.Constrained), (Purpose.NonGenerativeTraining, ConsentState.Constrained), (Purpose.ReferenceUse, ConsentState.Constrained)]
        },
        {
            "DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR",
            [(Purpose.GenerativeTraining, ConsentState.Constrained), (Purpose.NonGenerativeTraining, ConsentState.Constrained), (Purpose.ReferenceUse, ConsentState.Constrained)]
        },
        {
            "DMI-PROHIBITED-SEELINKEDRIGHTSEXPR",
            [(Purpose.GenerativeTraining, ConsentState.Constrained), (Purpose.NonGenerativeTraining, ConsentState.Constrained), (Purpose.ReferenceUse, ConsentState.Constrained)]
        },
        { "DMI-UNSPECIFIED", [] },
    };

    [Theory]
    [MemberData(nameof(DmiValues))]
    public void FromIptcDataMining_BareCode_MapsToStatements(string code, (Purpose, ConsentState)[] expected)
    {
        var grants = ExternalConsentSignals.FromIptcDataMining(code, null, Read);

        Assert.Equal(expected, Statements(grants));
        Assert.All(grants, g =>
        {
            Assert.Equal(ConsentSource.EmbeddedXmp, g.Source);
            Assert.Equal(Read, g.EffectiveFrom);
            Assert.Equal($"IPTC plus:DataMining {code}", g.Evidence);
        });
    }

    [Theory]
    [MemberData(nameof(DmiValues))]
    public void FromIptcDataMining_FullUriAnyCase_SameAsBareCode(string code, (Purpose, ConsentState)[] expected)
    {
        Assert.Equal(expected, Statements(ExternalConsentSignals.FromIptcDataMining(Plus + code, null, Read)));
        Assert.Equal(expected, Statements(ExternalConsentSignals.FromIptcDataMining($"  {code.ToLowerInvariant()} ", null, Read)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("DMI-SOMETHING-NEW")]
    [InlineData("allowed")]
    [InlineData("http://example.com/vocab/DMI-ALLOWED")]
    public void FromIptcDataMining_UnknownValue_SaysNothing(string value)
    {
        Assert.Empty(ExternalConsentSignals.FromIptcDataMining(value, "terms", Read));
    }

    [Fact]
    public void FromIptcDataMining_SeeConstraint_CarriesOtherConstraintsAsTerms()
    {
        var grants = ExternalConsentSignals.FromIptcDataMining("DMI-PROHIBITED-SEECONSTRAINT", "  licensed models only ", Read);

        Assert.All(grants, g => Assert.Equal("licensed models only", g.Terms));
    }

    [Fact]
    public void FromIptcDataMining_ProhibitedWithConstraints_NoTerms()
    {
        var grants = ExternalConsentSignals.FromIptcDataMining("DMI-PROHIBITED", "licensed models only", Read);

        Assert.All(grants, g => Assert.Null(g.Terms));
    }

    [Theory]
    [InlineData("cawg.ai_generative_training", new[] { Purpose.GenerativeTraining })]
    [InlineData("cawg.ai_training", new[] { Purpose.GenerativeTraining, Purpose.NonGenerativeTraining })]
    [InlineData("cawg.ai_inference", new[] { Purpose.ReferenceUse })]
    [InlineData("c2pa.ai_generative_training", new[] { Purpose.GenerativeTraining })]
    [InlineData("c2pa.ai_training", new[] { Purpose.GenerativeTraining, Purpose.NonGenerativeTraining })]
    [InlineData("c2pa.ai_inference", new[] { Purpose.ReferenceUse })]
    [InlineData(" cawg.ai_inference ", new[] { Purpose.ReferenceUse })]
    [InlineData("cawg.data_mining", new Purpose[0])]
    [InlineData("acme.ai_training", new Purpose[0])]
    [InlineData("ai_training", new Purpose[0])]
    public void FromTrainingMiningEntry_Key_MapsToPurposes(string key, Purpose[] expected)
    {
        var grants = ExternalConsentSignals.FromTrainingMiningEntry(key, "notAllowed", null, Read, ConsentSource.C2paAssertion);

        Assert.Equal(expected, grants.Select(g => g.Purpose));
        Assert.All(grants, g =>
        {
            Assert.Equal(ConsentState.NotAllowed, g.State);
            Assert.Equal(ConsentSource.C2paAssertion, g.Source);
            Assert.Equal(Read, g.EffectiveFrom);
            Assert.Equal($"{key.Trim()}: notAllowed", g.Evidence);
        });
    }

    [Theory]
    [InlineData("allowed", ConsentState.Allowed)]
    [InlineData("notAllowed", ConsentState.NotAllowed)]
    [InlineData(" constrained ", ConsentState.Constrained)]
    public void FromTrainingMiningEntry_Use_MapsToState(string use, ConsentState expected)
    {
        var grant = Assert.Single(ExternalConsentSignals.FromTrainingMiningEntry("cawg.ai_generative_training", use, null, Read, ConsentSource.EmbeddedXmp));

        Assert.Equal(expected, grant.State);
        Assert.Equal(ConsentSource.EmbeddedXmp, grant.Source);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("forbidden")]
    [InlineData("unspecified")]
    public void FromTrainingMiningEntry_UnknownUse_Ignored(string use)
    {
        Assert.Empty(ExternalConsentSignals.FromTrainingMiningEntry("cawg.ai_training", use, "terms", Read, ConsentSource.C2paAssertion));
    }

    [Fact]
    public void FromTrainingMiningEntry_Constrained_CarriesConstraintInfoAsTerms()
    {
        var grants = ExternalConsentSignals.FromTrainingMiningEntry("cawg.ai_training", "constrained", " https://studio.example/ai-terms ", Read, ConsentSource.C2paAssertion);

        Assert.Equal(2, grants.Count);
        Assert.All(grants, g => Assert.Equal("https://studio.example/ai-terms", g.Terms));
    }

    [Theory]
    [InlineData("allowed")]
    [InlineData("notAllowed")]
    public void FromTrainingMiningEntry_NotConstrained_DropsConstraintInfo(string use)
    {
        var grants = ExternalConsentSignals.FromTrainingMiningEntry("cawg.ai_training", use, "https://studio.example/ai-terms", Read, ConsentSource.C2paAssertion);

        Assert.All(grants, g => Assert.Null(g.Terms));
    }

    [Fact]
    public void FromTrainingMiningEntry_ConstrainedWithBlankInfo_NoTerms()
    {
        var grants = ExternalConsentSignals.FromTrainingMiningEntry("cawg.ai_generative_training", "constrained", "  ", Read, ConsentSource.C2paAssertion);

        Assert.Null(Assert.Single(grants).Terms);
    }
}
