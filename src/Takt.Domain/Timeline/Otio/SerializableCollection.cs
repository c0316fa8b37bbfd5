namespace Takt.Domain.Timeline.Otio;

/// <summary>A bin of arbitrary OTIO objects (legacy name SerializeableCollection).</summary>
public sealed class SerializableCollection : OtioObject
{
    public override string SchemaName => "SerializableCollection";

    public List<OtioObject> Children { get; } = [];
}
