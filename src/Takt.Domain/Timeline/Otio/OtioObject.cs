using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// Base of every OTIO schema object (OTIO's SerializableObjectWithMetadata). Metadata stays a raw JSON tree and
/// fields this model does not know are kept in <see cref="ExtraFields"/> and written back, like OTIO's dynamic
/// fields, so a round trip loses nothing.
/// </summary>
public abstract class OtioObject
{
    /// <summary>The schema name without version, e.g. "Clip".</summary>
    public abstract string SchemaName { get; }

    /// <summary>Null only when a file wrote <c>"name": null</c>; kept so it writes back the same.</summary>
    public string? Name { get; set; } = "";

    public OtioJsonValue Metadata { get; set; } = OtioJsonValue.EmptyObject;

    /// <summary>Members of the JSON object this schema does not define, in file order.</summary>
    public List<KeyValuePair<string, OtioJsonValue>> ExtraFields { get; } = [];

    /// <summary>Takt's own metadata namespace (<see cref="TaktOtio.MetadataKey"/>), or null.</summary>
    public OtioJsonValue? TaktMetadata => Metadata[TaktOtio.MetadataKey];
}
