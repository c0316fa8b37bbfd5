using System.Xml;
using System.Xml.Linq;
using Takt.Domain.Consent;

namespace Takt.Archive.Signals;

/// <summary>
/// Reads the IPTC 2023.1 data-mining opt-out (<c>plus:DataMining</c> + <c>plus:OtherConstraints</c>)
/// from an XMP packet. XMP allows the same property as an attribute, as element text or as an
/// <c>rdf:resource</c>, so all three shapes are accepted.
/// </summary>
public static class XmpConsentReader
{
    /// <summary>Packets larger than this are not parsed; real XMP is a few KiB and padding rarely exceeds 64 KiB.</summary>
    public const int MaxPacketChars = 1024 * 1024;

    private static readonly XNamespace Plus = "http://ns.useplus.org/ldf/xmp/1.0/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    public static EmbeddedConsent Read(string xmpPacket, DateTimeOffset at)
    {
        // NetVips blobs and raw packets found in files may carry NULs or a BOM around the XML.
        var packet = xmpPacket.Trim('\0', '\uFEFF', ' ', '\t', '\r', '\n');
        if (packet.Length == 0)
        {
            return EmbeddedConsent.None;
        }

        if (packet.Length > MaxPacketChars)
        {
            return EmbeddedConsent.Warning($"XMP packet of {packet.Length} characters exceeds the {MaxPacketChars} limit; not read");
        }

        XDocument document;
        try
        {
            document = Parse(packet);
        }
        catch (XmlException ex)
        {
            return EmbeddedConsent.Warning($"XMP packet is not well-formed XML: {ex.Message}");
        }

        var warnings = new List<string>();
        var dataMining = FindValues(document, "DataMining", preferDefaultLanguage: false);
        if (dataMining.Count == 0)
        {
            return EmbeddedConsent.None;
        }

        if (dataMining.Distinct(StringComparer.Ordinal).Count() > 1)
        {
            warnings.Add($"XMP has conflicting plus:DataMining values ({string.Join(", ", dataMining)}); the first was used");
        }

        var otherConstraints = FindValues(document, "OtherConstraints", preferDefaultLanguage: true).FirstOrDefault();
        var grants = ExternalConsentSignals.FromIptcDataMining(dataMining[0], otherConstraints, at);
        if (grants.Count == 0 && !dataMining[0].EndsWith("DMI-UNSPECIFIED", StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add($"XMP plus:DataMining value '{dataMining[0]}' is not in the IPTC vocabulary; ignored");
        }

        return new EmbeddedConsent(grants, warnings);
    }

    private static XDocument Parse(string packet)
    {
        // Prohibit DTDs and resolve nothing: a packet is untrusted input (billion laughs, XXE).
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxPacketChars,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        using var text = new StringReader(packet);
        using var reader = XmlReader.Create(text, settings);
        return XDocument.Load(reader);
    }

    /// <summary>Every non-empty value of a PLUS property, in document order, whatever its RDF shape.</summary>
    private static List<string> FindValues(XDocument document, string localName, bool preferDefaultLanguage)
    {
        var values = new List<string>();
        foreach (var element in document.Descendants())
        {
            if (element.Attribute(Plus + localName) is { } attribute)
            {
                AddIfPresent(values, attribute.Value);
            }

            if (element.Name == Plus + localName)
            {
                AddIfPresent(values, ElementValue(element, preferDefaultLanguage));
            }
        }

        return values;
    }

    private static string? ElementValue(XElement element, bool preferDefaultLanguage)
    {
        if (element.Attribute(Rdf + "resource") is { } resource)
        {
            return resource.Value;
        }

        // Language alternatives (rdf:Alt) and other containers keep their text in rdf:li items.
        var items = element.Descendants(Rdf + "li").ToList();
        if (items.Count > 0)
        {
            var chosen = preferDefaultLanguage
                ? items.FirstOrDefault(li => string.Equals((string?)li.Attribute(XNamespace.Xml + "lang"), "x-default", StringComparison.OrdinalIgnoreCase))
                : null;
            return ElementValue(chosen ?? items[0], preferDefaultLanguage);
        }

        // rdf:parseType="Resource" or a nested rdf:Description carry the value in rdf:value.
        if (element.Descendants(Rdf + "value").FirstOrDefault() is { } rdfValue)
        {
            return rdfValue.Value;
        }

        return element.HasElements ? null : element.Value;
    }

    private static void AddIfPresent(List<string> values, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values.Add(value.Trim());
        }
    }
}
