using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// An object whose schema this reader does not know (a plugin's schema, a newer version). It is kept exactly
/// as read and written back unchanged, never dropped. In a track it takes no time and is invisible.
/// </summary>
public sealed class UnknownSchema : Composable
{
    public UnknownSchema(OtioJsonValue raw)
    {
        Raw = raw;
        var schema = raw["OTIO_SCHEMA"]?.AsString() ?? "";
        var dot = schema.LastIndexOf('.');
        OriginalSchemaName = dot > 0 ? schema[..dot] : schema;
        OriginalSchemaVersion = dot > 0 && int.TryParse(schema.AsSpan(dot + 1), out var version) ? version : 0;
        Name = raw["name"] is { Kind: OtioJsonKind.Text } name ? name.AsString() : null;
        Metadata = raw["metadata"] ?? OtioJsonValue.EmptyObject;
    }

    public override string SchemaName => "UnknownSchema";

    public string OriginalSchemaName { get; }

    public int OriginalSchemaVersion { get; }

    /// <summary>The object exactly as read, including its <c>OTIO_SCHEMA</c>.</summary>
    public OtioJsonValue Raw { get; }

    public override bool Visible => false;

    public override RationalTime Duration() => new();
}
