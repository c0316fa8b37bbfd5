using System.Text.Json;
using System.Text.Json.Serialization;

namespace Takt.Provenance.C2pa.Verification;

/// <summary>Writes a <see cref="C2paReport"/> as camelCase JSON (for <c>takt verify --json</c>).</summary>
public static class C2paReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() }, // states as c2pa-rs spells them: Trusted, Valid, Invalid
    };

    public static string Write(C2paReport report) => JsonSerializer.Serialize(report, Options);

    public static Task WriteAsync(Stream destination, C2paReport report, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(destination, report, Options, cancellationToken);
}
