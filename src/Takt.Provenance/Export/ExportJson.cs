using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Takt.Provenance.Export;

/// <summary>What both export formats share: writer settings and how instants and ids are spelled.</summary>
internal static class ExportJson
{
    // Keeps labels readable (kana, em dashes) while still escaping what is unsafe in HTML.
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static Utf8JsonWriter Writer(Stream stream, bool indented) =>
        new(stream, new JsonWriterOptions { Indented = indented, Encoder = Encoder, NewLine = "\n" });

    /// <summary>UTC, 100 ns precision, trailing zeros dropped: one spelling per instant.</summary>
    public static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Urn(Guid id) => "urn:uuid:" + id.ToString("D");

    /// <summary>Writes stored attribute text as JSON when it is JSON, else as a string.</summary>
    public static void Attributes(Utf8JsonWriter writer, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(text);
        }
    }
}
