namespace Takt.Domain.Timeline.Otio;

/// <summary>Schema versions to write. Defaults suit released OTIO tools (0.18: Clip.2, Marker.2).</summary>
public sealed record OtioWriteOptions
{
    public static OtioWriteOptions Default { get; } = new();

    /// <summary>
    /// 2 or 3; null writes Marker.2 unless the marker was read with a Marker.3 <c>Color.1</c> object, which is then
    /// written back as Marker.3 so nothing is lost.
    /// </summary>
    public int? MarkerVersion { get; init; }

    /// <summary>2 (default) or 1; Clip.1 keeps only the active media reference, as OTIO's downgrade does.</summary>
    public int ClipVersion { get; init; } = 2;
}
