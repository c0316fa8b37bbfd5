using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>A media reference of a schema this reader does not know, kept exactly as read.</summary>
public sealed class UnknownMediaReference : MediaReference
{
    public UnknownMediaReference(OtioJsonValue raw)
    {
        Raw = raw;
        Name = raw["name"] is { Kind: OtioJsonKind.Text } name ? name.AsString() : null;
        Metadata = raw["metadata"] ?? OtioJsonValue.EmptyObject;
    }

    public override string SchemaName => "UnknownSchema";

    public OtioJsonValue Raw { get; }
}
