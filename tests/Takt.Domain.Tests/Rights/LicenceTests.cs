using Takt.Domain.Rights;

namespace Takt.Domain.Tests.Rights;

public sealed class LicenceTests
{
    [Theory]
    [InlineData("CC0-1.0", "CC0-1.0")]
    [InlineData("CC-BY-4.0", "CC-BY-4.0")]
    [InlineData("CC-BY-SA-4.0", "CC-BY-SA-4.0")]
    [InlineData("CC-BY-NC-4.0", "CC-BY-NC-4.0")]
    [InlineData("MIT", "MIT")]
    [InlineData("Apache-2.0", "Apache-2.0")]
    [InlineData("GPL-3.0+", "GPL-3.0+")]
    [InlineData("  CC-BY-4.0  ", "CC-BY-4.0")]
    [InlineData("LicenseRef-Proprietary", "LicenseRef-Proprietary")]
    public void TryParse_ValidSpdxId_Parses(string text, string expected)
    {
        Assert.True(Licence.TryParse(text, null, out var licence, out var error));

        Assert.Null(error);
        Assert.Equal(expected, licence.SpdxId);
        Assert.Null(licence.CustomTerms);
    }

    [Theory]
    [InlineData("cc-by-4.0", "CC-BY-4.0")]
    [InlineData("cc0-1.0", "CC0-1.0")]
    [InlineData("Cc-By-Sa-4.0", "CC-BY-SA-4.0")]
    [InlineData("licenseref-proprietary", "LicenseRef-proprietary")]
    public void TryParse_MixedCase_Canonicalised(string text, string expected)
    {
        Assert.True(Licence.TryParse(text, null, out var licence, out _));

        Assert.Equal(expected, licence.SpdxId);
    }

    [Fact]
    public void TryParse_LowercaseCcIds_EqualWellKnownLicences()
    {
        Assert.Equal(Licence.Cc0, Licence.Parse("cc0-1.0"));
        Assert.Equal(Licence.CcBy4, Licence.Parse("cc-by-4.0"));
        Assert.Equal(Licence.Proprietary, Licence.Parse("licenseref-Proprietary"));
        Assert.True(Licence.Parse("cc0-1.0").IsPublicDomain);
        Assert.True(Licence.Parse("cc-by-sa-4.0").RequiresAttributionOnly);
    }

    [Theory]
    [InlineData("noassertion")]
    [InlineData("NOASSERTION")]
    public void TryParse_NoAssertion_ReturnsNoAssertion(string text)
    {
        Assert.True(Licence.TryParse(text, "terms are dropped: nothing is asserted", out var licence, out _));

        Assert.Same(Licence.NoAssertion, licence);
    }

    [Fact]
    public void TryParse_LicenseRefWithTerms_KeepsTrimmedTerms()
    {
        Assert.True(Licence.TryParse("LicenseRef-DerivativeGuideline", "  fan works only; no merchandise  ", out var licence, out _));

        Assert.Equal("LicenseRef-DerivativeGuideline", licence.SpdxId);
        Assert.Equal("fan works only; no merchandise", licence.CustomTerms);
        Assert.False(licence.IsPublicDomain);
        Assert.False(licence.RequiresAttributionOnly);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_BlankTerms_NoCustomTerms(string terms)
    {
        Assert.Null(Licence.Parse("LicenseRef-Guideline", terms).CustomTerms);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("MIT OR Apache-2.0")]
    [InlineData("CC-BY-4.0; DROP TABLE assets;--")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("../../etc/passwd")]
    [InlineData("-CC-BY-4.0")]
    [InlineData("CC BY 4.0")]
    [InlineData("LicenseRef-")]
    [InlineData("licenseref-")]
    [InlineData("LicenseRef-a+b")]
    [InlineData("LicenseRef-has_underscore")]
    [InlineData("CC-BY-4.0\nLicenseRef-x")]
    [InlineData("ライセンス")]
    public void TryParse_Garbage_RejectedWithError(string? text)
    {
        Assert.False(Licence.TryParse(text, "terms", out var licence, out var error));

        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Same(Licence.NoAssertion, licence);
    }

    [Fact]
    public void TryParse_VeryLongId_RejectedWithTruncatedError()
    {
        var text = new string('A', 500);

        Assert.False(Licence.TryParse(text, null, out _, out var error));

        Assert.NotNull(error);
        Assert.True(error.Length < 200, error);
    }

    [Fact]
    public void Parse_Garbage_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => Licence.Parse("not a licence"));
    }

    [Theory]
    [InlineData("CC0-1.0", true, false)]
    [InlineData("PDDL-1.0", true, false)]
    [InlineData("Unlicense", true, false)]
    [InlineData("CC-BY-4.0", false, true)]
    [InlineData("CC-BY-SA-3.0", false, true)]
    [InlineData("CC-BY-NC-4.0", false, false)]
    [InlineData("CC-BY-ND-4.0", false, false)]
    [InlineData("LicenseRef-Proprietary", false, false)]
    [InlineData("NOASSERTION", false, false)]
    public void Licence_Classification_MatchesLicenceFamily(string id, bool publicDomain, bool attributionOnly)
    {
        var licence = Licence.Parse(id);

        Assert.Equal(publicDomain, licence.IsPublicDomain);
        Assert.Equal(attributionOnly, licence.RequiresAttributionOnly);
        Assert.Equal(licence.SpdxId, licence.ToString());
    }
}
