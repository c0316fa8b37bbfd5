using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>OTIO's Item: something with a duration, a source range, effects and markers.</summary>
public abstract partial class Item : Composable
{
    public TimeRange? SourceRange { get; set; }

    public List<Effect> Effects { get; } = [];

    public List<Marker> Markers { get; } = [];

    public bool Enabled { get; set; } = true;

    /// <summary>The item's <c>Color.1</c> object (or null), kept raw.</summary>
    public OtioJsonValue? Color { get; set; }

    public override bool Visible => Enabled;

    /// <summary>The range of media this item can draw on.</summary>
    /// <exception cref="InvalidOperationException">the item has no way to know it (a clip without a media range).</exception>
    public abstract TimeRange AvailableRange();

    /// <summary><see cref="SourceRange"/> when set, otherwise <see cref="AvailableRange"/>.</summary>
    public TimeRange TrimmedRange() => SourceRange ?? AvailableRange();

    public override RationalTime Duration() => TrimmedRange().Duration;

    /// <summary>The trimmed range extended by the handles transitions around it take from its media.</summary>
    public TimeRange VisibleRange()
    {
        var result = TrimmedRange();
        if (Parent is Track track)
        {
            var (head, tail) = track.HandlesOfChild(this);
            if (head is { } h)
            {
                result = new TimeRange(result.StartTime - h, result.Duration + h);
            }

            if (tail is { } t)
            {
                result = new TimeRange(result.StartTime, result.Duration + t);
            }
        }

        return result;
    }
}
