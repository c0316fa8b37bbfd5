using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>Marker.2 colour names and their Marker.3 <c>Color.1</c> values (OTIO's named colours).</summary>
internal static class MarkerColors
{
    private static readonly (string Name, double R, double G, double B)[] Named =
    [
        ("Pink", 1, 0.753, 0.796), ("Red", 1, 0, 0), ("Orange", 1, 0.647, 0), ("Yellow", 1, 1, 0),
        ("Green", 0, 1, 0), ("Cyan", 0, 1, 1), ("Blue", 0, 0, 1), ("Purple", 0.5, 0, 0.5),
        ("Magenta", 1, 0, 1), ("Black", 0, 0, 0), ("White", 1, 1, 1),
    ];

    /// <summary>The Marker.2 name for a Marker.3 colour name: upper case, as OTIO's downgrade writes it.</summary>
    public static string ToName(string? name) => string.IsNullOrEmpty(name) ? Marker.DefaultColor : name.ToUpperInvariant();

    /// <summary>
    /// A <c>Color.1</c> object for a colour name (a Marker.2 name such as "RED" becomes OTIO's "Red"); unknown
    /// names become white but keep the name, like OTIO's upgrade.
    /// </summary>
    public static OtioJsonValue ToColorObject(string? name)
    {
        var (r, g, b) = (1.0, 1.0, 1.0);
        foreach (var named in Named)
        {
            if (string.Equals(named.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                (name, r, g, b) = named;
            }
        }

        return OtioJsonValue.FromObject(
        [
            new("OTIO_SCHEMA", OtioJsonValue.FromString("Color.1")),
            new("r", OtioJsonValue.FromNumber(r)),
            new("g", OtioJsonValue.FromNumber(g)),
            new("b", OtioJsonValue.FromNumber(b)),
            new("a", OtioJsonValue.FromNumber(1)),
            new("name", name is null ? OtioJsonValue.Null : OtioJsonValue.FromString(name)),
        ]);
    }
}
