using Takt.Archive.Signals;
using Takt.Domain.Rights;

namespace Takt.Archive.Tests.Signals;

public sealed class XmpConsentReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static string Packet(string description) => $"""
        <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
          <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            {description}
          </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """;

    private const string Ns = "xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\"";

    [Fact]
    public void Read_AttributeForm_ReturnsGrants()
    {
        var xmp = Packet($"""<rdf:Description rdf:about="" {Ns} plus:DataMining="http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-GENAIMLTRAINING"/>""");

        var result = XmpConsentReader.Read(xmp, At);

        var grant = Assert.Single(result.Grants);
        Assert.Equal((Purpose.GenerativeTraining, ConsentState.NotAllowed, ConsentSource.EmbeddedXmp), (grant.Purpose, grant.State, grant.Source));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Read_ElementText_ReturnsGrants()
    {
        var xmp = Packet($"""<rdf:Description rdf:about="" {Ns}><plus:DataMining>DMI-PROHIBITED-AIMLTRAINING</plus:DataMining></rdf:Description>""");

        Assert.Equal(2, XmpConsentReader.Read(xmp, At).Grants.Count);
    }

    [Fact]
    public void Read_ResourceForm_ReturnsGrants()
    {
        var xmp = Packet($"""<rdf:Description rdf:about="" {Ns}><plus:DataMining rdf:resource="http://ns.useplus.org/ldf/vocab/DMI-ALLOWED"/></rdf:Description>""");

        Assert.All(XmpConsentReader.Read(xmp, At).Grants, g => Assert.Equal(ConsentState.Allowed, g.State));
    }

    [Fact]
    public void Read_OtherConstraintsAlt_TakesDefaultLanguage()
    {
        var xmp = Packet($"""
            <rdf:Description rdf:about="" {Ns}>
              <plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-SEECONSTRAINT</plus:DataMining>
              <plus:OtherConstraints><rdf:Alt>
                <rdf:li xml:lang="ja">日本語の条件</rdf:li>
                <rdf:li xml:lang="x-default">Licence required: ask@example.org</rdf:li>
              </rdf:Alt></plus:OtherConstraints>
            </rdf:Description>
            """);

        var result = XmpConsentReader.Read(xmp, At);

        Assert.Equal(3, result.Grants.Count);
        Assert.All(result.Grants, g => Assert.Equal("Licence required: ask@example.org", g.Terms));
    }

    [Fact]
    public void Read_OtherConstraintsWithoutDefault_TakesFirst()
    {
        var xmp = Packet($"""
            <rdf:Description rdf:about="" {Ns} plus:DataMining="DMI-PROHIBITED-SEECONSTRAINT">
              <plus:OtherConstraints><rdf:Alt><rdf:li xml:lang="en">first</rdf:li><rdf:li xml:lang="fr">second</rdf:li></rdf:Alt></plus:OtherConstraints>
            </rdf:Description>
            """);

        Assert.All(XmpConsentReader.Read(xmp, At).Grants, g => Assert.Equal("first", g.Terms));
    }

    [Fact]
    public void Read_NoDataMining_ReturnsNothing()
    {
        var result = XmpConsentReader.Read(Packet("""<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="image/png"/>"""), At);

        Assert.Empty(result.Grants);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Read_UnknownValue_Warns()
    {
        var result = XmpConsentReader.Read(Packet($"""<rdf:Description {Ns} plus:DataMining="DMI-ALLOWED-noaitraining"/>"""), At);

        Assert.Empty(result.Grants);
        Assert.Single(result.Warnings);
    }

    [Theory]
    [InlineData("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF")]
    [InlineData("not xml at all")]
    [InlineData("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>")]
    [InlineData("<!DOCTYPE x SYSTEM \"file:///etc/passwd\"><x/>")]
    public void Read_MalformedOrDtd_WarnsWithoutThrowing(string xmp)
    {
        var result = XmpConsentReader.Read(xmp, At);

        Assert.Empty(result.Grants);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void Read_OversizedPacket_Warns()
    {
        var xmp = Packet($"""<rdf:Description {Ns} plus:DataMining="DMI-ALLOWED"/>""") + new string(' ', XmpConsentReader.MaxPacketChars) + "<x/>";

        Assert.Single(XmpConsentReader.Read(xmp, At).Warnings);
    }
}
