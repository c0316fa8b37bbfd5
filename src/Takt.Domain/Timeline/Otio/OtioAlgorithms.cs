namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// OTIO's track and stack algorithms (trackAlgorithm.cpp, stackAlgorithm.cpp): trimming a track to a range and
/// flattening a stack of tracks into one track where upper tracks cover lower ones and gaps are transparent.
/// Inputs are never modified; results are deep copies.
/// </summary>
public static class OtioAlgorithms
{
    /// <summary>A deep copy without a parent (OTIO's clone), made through the serialised form so nothing is missed.</summary>
    public static T Clone<T>(T value)
        where T : OtioObject =>
        (T)OtioReader.ReadObject(OtioWriter.ToJson(value));

    /// <summary>
    /// A copy of <paramref name="track"/> holding only what intersects <paramref name="trimRange"/>, the children
    /// at the boundaries trimmed through their source ranges.
    /// </summary>
    /// <exception cref="InvalidOperationException">the range cuts through a transition.</exception>
    public static Track TrackTrimmedToRange(Track track, TimeRange trimRange)
    {
        var result = Clone(track);
        var ranges = result.RangeOfAllChildren();
        for (var i = result.Children.Count - 1; i >= 0; i--)
        {
            var child = result.Children[i];
            var childRange = ranges[i];
            if (!trimRange.Intersects(childRange))
            {
                result.RemoveAt(i);
                continue;
            }

            if (trimRange.Contains(childRange))
            {
                continue;
            }

            if (child is not Item item)
            {
                throw new InvalidOperationException("cannot trim in the middle of a transition");
            }

            var source = item.TrimmedRange();
            if (trimRange.StartTime > childRange.StartTime)
            {
                var trimAmount = trimRange.StartTime - childRange.StartTime;
                source = new TimeRange(source.StartTime + trimAmount, source.Duration - trimAmount);
            }

            var trimEnd = trimRange.EndTimeExclusive;
            var childEnd = childRange.EndTimeExclusive;
            if (trimEnd < childEnd)
            {
                source = new TimeRange(source.StartTime, source.Duration - (childEnd - trimEnd));
            }

            item.SourceRange = source;
        }

        return result;
    }

    /// <summary>Flattens the stack's enabled tracks (bottom first, top last) into one track named "Flattened".</summary>
    public static Track FlattenStack(Stack stack)
    {
        var tracks = new List<Track>();
        foreach (var child in stack.Children)
        {
            var track = child as Track ?? throw new InvalidOperationException($"'{child.Name}' in the stack is not a track");
            if (track.Enabled)
            {
                tracks.Add(track);
            }
        }

        return FlattenStack(tracks);
    }

    /// <summary>Flattens tracks (bottom first, top last): visible items of upper tracks win, gaps show what is below.</summary>
    public static Track FlattenStack(IReadOnlyList<Track> tracks)
    {
        var normalised = NormaliseLengths(tracks);
        var flat = new Track { Name = "Flattened" };
        FlattenNext(flat, normalised, normalised.Count - 1, null);
        return flat;
    }

    // Shorter tracks get a trailing gap so every track lasts as long as the longest one.
    private static List<Track> NormaliseLengths(IReadOnlyList<Track> tracks)
    {
        var longest = new RationalTime();
        foreach (var track in tracks)
        {
            longest = RationalTime.Max(longest, track.Duration());
        }

        var result = new List<Track>(tracks.Count);
        foreach (var track in tracks)
        {
            var duration = track.Duration();
            if (duration < longest)
            {
                var padded = Clone(track);
                var gap = longest - duration;
                padded.Add(new Gap { SourceRange = new TimeRange(new RationalTime(0, gap.Rate), gap) });
                result.Add(padded);
            }
            else
            {
                result.Add(track);
            }
        }

        return result;
    }

    private static void FlattenNext(Track flat, List<Track> tracks, int trackIndex, TimeRange? trimRange)
    {
        if (trackIndex < 0)
        {
            return;
        }

        var track = trimRange is { } range ? TrackTrimmedToRange(tracks[trackIndex], range) : tracks[trackIndex];
        var ranges = track.RangeOfAllChildren();
        for (var i = 0; i < track.Children.Count; i++)
        {
            var child = track.Children[i];
            if (child is not Item item || item.Visible || trackIndex == 0)
            {
                flat.Add(Clone(child));
                continue;
            }

            var below = ranges[i];
            if (trimRange is { } outer)
            {
                below = new TimeRange(below.StartTime + outer.StartTime, below.Duration);
            }

            FlattenNext(flat, tracks, trackIndex - 1, below);
        }
    }
}
