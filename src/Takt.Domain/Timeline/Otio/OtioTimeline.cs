namespace Takt.Domain.Timeline.Otio;

/// <summary>The top of an edit: one stack of tracks and an optional global start time (OTIO's Timeline).</summary>
public sealed class OtioTimeline : OtioObject
{
    public override string SchemaName => "Timeline";

    public RationalTime? GlobalStartTime { get; set; }

    public Stack Tracks { get; set; } = new() { Name = "tracks" };

    public IEnumerable<Track> VideoTracks() =>
        Tracks.Children.OfType<Track>().Where(t => string.Equals(t.Kind, Track.VideoKind, StringComparison.Ordinal));

    public IEnumerable<Track> AudioTracks() =>
        Tracks.Children.OfType<Track>().Where(t => string.Equals(t.Kind, Track.AudioKind, StringComparison.Ordinal));

    public RationalTime Duration() => Tracks.Duration();
}
