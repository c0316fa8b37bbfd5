namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// Children laid end to end (OTIO's Track). Transitions overlap their neighbours: they take no time of their own
/// and span <c>[cut − in_offset, cut + out_offset)</c>.
/// </summary>
public sealed class Track : Composition
{
    public const string VideoKind = "Video";
    public const string AudioKind = "Audio";

    public override string SchemaName => "Track";

    public string Kind { get; set; } = VideoKind;

    public override TimeRange RangeOfChildAtIndex(int index)
    {
        var child = Children[index];
        var duration = child.Duration();
        var start = new RationalTime(0, duration.Rate);
        for (var i = 0; i < index; i++)
        {
            if (!Children[i].Overlapping)
            {
                start += Children[i].Duration();
            }
        }

        if (child is Transition transition)
        {
            start -= transition.InOffset;
        }

        return new TimeRange(start, duration);
    }

    public override TimeRange? TrimmedRangeOfChildAtIndex(int index) => TrimChildRange(RangeOfChildAtIndex(index));

    /// <summary>Σ item durations, plus the in offset of a leading and the out offset of a trailing transition.</summary>
    public override TimeRange AvailableRange()
    {
        var duration = new RationalTime();
        foreach (var child in Children)
        {
            if (child is Item item)
            {
                duration += item.Duration();
            }
        }

        if (Children.Count > 0)
        {
            if (Children[0] is Transition head)
            {
                duration += head.InOffset;
            }

            if (Children[^1] is Transition tail)
            {
                duration += tail.OutOffset;
            }
        }

        return new TimeRange(new RationalTime(0, duration.Rate), duration);
    }

    public override IReadOnlyList<TimeRange> RangeOfAllChildren()
    {
        var result = new List<TimeRange>(Children.Count);
        if (Children.Count == 0)
        {
            return result;
        }

        var rate = Children[0] switch
        {
            Transition transition => transition.InOffset.Rate,
            Item item => item.TrimmedRange().Duration.Rate,
            _ => 1,
        };
        var lastEnd = new RationalTime(0, rate);
        foreach (var child in Children)
        {
            if (child is Transition transition)
            {
                result.Add(new TimeRange(lastEnd - transition.InOffset, transition.OutOffset + transition.InOffset));
            }
            else
            {
                var range = new TimeRange(lastEnd, ((Item)child).TrimmedRange().Duration);
                result.Add(range);
                lastEnd = range.EndTimeExclusive;
            }
        }

        return result;
    }

    /// <summary>
    /// The media a transition before (its in offset) and after (its out offset) the child borrows beyond the
    /// child's trimmed range; null where the neighbour is not a transition.
    /// </summary>
    public (RationalTime? Head, RationalTime? Tail) HandlesOfChild(Composable child)
    {
        var index = IndexOfChild(child);
        RationalTime? head = index > 0 && Children[index - 1] is Transition before ? before.InOffset : null;
        RationalTime? tail = index + 1 < Children.Count && Children[index + 1] is Transition after ? after.OutOffset : null;
        return (head, tail);
    }

    /// <summary>
    /// The neighbours of a child; with <paramref name="aroundTransitions"/> a transition at either end of the track
    /// gets a synthesised gap of its in/out offset as its outer neighbour (like OTIO's neighbors_of).
    /// </summary>
    public (Composable? Previous, Composable? Next) NeighborsOf(Composable child, bool aroundTransitions = false)
    {
        var index = IndexOfChild(child);
        Composable? previous = index > 0 ? Children[index - 1] : null;
        Composable? next = index + 1 < Children.Count ? Children[index + 1] : null;
        if (aroundTransitions && child is Transition transition)
        {
            previous ??= new Gap { SourceRange = new TimeRange(new RationalTime(0, transition.InOffset.Rate), transition.InOffset) };
            next ??= new Gap { SourceRange = new TimeRange(new RationalTime(0, transition.OutOffset.Rate), transition.OutOffset) };
        }

        return (previous, next);
    }

    internal TimeRange? TrimChildRange(TimeRange childRange)
    {
        if (SourceRange is not { } source)
        {
            return childRange;
        }

        if (source.StartTime >= childRange.EndTimeExclusive || source.EndTimeExclusive <= childRange.StartTime)
        {
            return null;
        }

        if (childRange.StartTime < source.StartTime)
        {
            childRange = TimeRange.FromStartEndTime(source.StartTime, childRange.EndTimeExclusive);
        }

        if (childRange.EndTimeExclusive > source.EndTimeExclusive)
        {
            childRange = TimeRange.FromStartEndTime(childRange.StartTime, source.EndTimeExclusive);
        }

        return childRange;
    }
}
