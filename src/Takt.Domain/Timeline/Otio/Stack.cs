namespace Takt.Domain.Timeline.Otio;

/// <summary>Children layered on top of each other, all starting at 0; the last child is on top (OTIO's Stack).</summary>
public sealed class Stack : Composition
{
    public override string SchemaName => "Stack";

    public override TimeRange RangeOfChildAtIndex(int index)
    {
        var duration = Children[index].Duration();
        return new TimeRange(new RationalTime(0, duration.Rate), duration);
    }

    public override TimeRange? TrimmedRangeOfChildAtIndex(int index)
    {
        var range = RangeOfChildAtIndex(index);
        return SourceRange is { } source
            ? new TimeRange(source.StartTime, RationalTime.Min(range.Duration, source.Duration))
            : range;
    }

    /// <summary>(0, the longest child's duration).</summary>
    public override TimeRange AvailableRange()
    {
        if (Children.Count == 0)
        {
            return new TimeRange();
        }

        var duration = Children[0].Duration();
        for (var i = 1; i < Children.Count; i++)
        {
            duration = RationalTime.Max(duration, Children[i].Duration());
        }

        return new TimeRange(new RationalTime(0, duration.Rate), duration);
    }

    public override IReadOnlyList<TimeRange> RangeOfAllChildren()
    {
        var result = new List<TimeRange>(Children.Count);
        for (var i = 0; i < Children.Count; i++)
        {
            result.Add(RangeOfChildAtIndex(i));
        }

        return result;
    }
}
