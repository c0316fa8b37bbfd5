using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// A named range on an item, in that item's time frame (OTIO's Marker). Written as Marker.2 (colour as a name
/// such as "RED") by default for released tools; a Marker.3 <c>Color.1</c> object read from a file is kept in
/// <see cref="ColorObject"/> and written back when writing Marker.3.
/// </summary>
public sealed class Marker : OtioObject
{
    public const string DefaultColor = "RED";

    public override string SchemaName => "Marker";

    public TimeRange MarkedRange { get; set; } = new();

    /// <summary>The colour name (Marker.2 style, upper case such as "RED"; a Marker.3 name as written).</summary>
    public string? Color { get; set; } = DefaultColor;

    /// <summary>The Marker.3 <c>Color.1</c> object when the file had one, otherwise null.</summary>
    public OtioJsonValue? ColorObject { get; set; }

    public string Comment { get; set; } = "";
}
