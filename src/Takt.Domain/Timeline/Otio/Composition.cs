namespace Takt.Domain.Timeline.Otio;

/// <summary>An item made of other items (OTIO's Composition): a <see cref="Track"/> or a <see cref="Stack"/>.</summary>
public abstract class Composition : Item
{
    private readonly List<Composable> children = [];

    public IReadOnlyList<Composable> Children => children;

    public void Add(Composable child) => Insert(children.Count, child);

    public void Insert(int index, Composable child)
    {
        if (child.Parent is not null)
        {
            throw new InvalidOperationException($"'{child.Name}' already belongs to a composition (OTIO has no instancing)");
        }

        children.Insert(index, child);
        child.Parent = this;
    }

    public void RemoveAt(int index)
    {
        children[index].Parent = null;
        children.RemoveAt(index);
    }

    public void Clear()
    {
        foreach (var child in children)
        {
            child.Parent = null;
        }

        children.Clear();
    }

    public int IndexOfChild(Composable child)
    {
        for (var i = 0; i < children.Count; i++)
        {
            if (ReferenceEquals(children[i], child))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"'{child.Name}' is not a child of '{Name}'");
    }

    /// <summary>The child's range in this composition's (untrimmed) time.</summary>
    public abstract TimeRange RangeOfChildAtIndex(int index);

    /// <summary>The child's range clipped to this composition's source range; null when the child is trimmed out.</summary>
    public abstract TimeRange? TrimmedRangeOfChildAtIndex(int index);

    /// <summary>Every child's range, in child order.</summary>
    public abstract IReadOnlyList<TimeRange> RangeOfAllChildren();

    /// <summary>The range of a child or deeper descendant in this composition's time (nested compositions add up).</summary>
    public TimeRange RangeOfChild(Composable descendant)
    {
        TimeRange? result = null;
        Composable current = descendant;
        foreach (var parent in PathFrom(descendant))
        {
            var range = parent.RangeOfChildAtIndex(parent.IndexOfChild(current));
            result = result is { } inner ? new TimeRange(inner.StartTime + range.StartTime, inner.Duration) : range;
            current = parent;
        }

        return result!.Value;
    }

    /// <summary>
    /// Like <see cref="RangeOfChild"/> with each level's trimmed range, then clipped to this composition's source
    /// range; null when nothing of the descendant is left. (OTIO's C++ forgets to move up a level after the
    /// second one; nesting three deep it errors, here it walks the path as intended.)
    /// </summary>
    public TimeRange? TrimmedRangeOfChild(Composable descendant)
    {
        TimeRange? result = null;
        Composable current = descendant;
        foreach (var parent in PathFrom(descendant))
        {
            if (parent.TrimmedRangeOfChildAtIndex(parent.IndexOfChild(current)) is not { } range)
            {
                return null;
            }

            result = result is { } inner ? new TimeRange(inner.StartTime + range.StartTime, inner.Duration) : range;
            current = parent;
        }

        var found = result!.Value;
        if (SourceRange is not { } source)
        {
            return found;
        }

        var start = RationalTime.Max(source.StartTime, found.StartTime);
        if (start > found.EndTimeExclusive)
        {
            return null;
        }

        var duration = RationalTime.Min(found.EndTimeExclusive, source.EndTimeExclusive) - start;
        return duration.Value < 0 ? null : new TimeRange(start, duration);
    }

    /// <summary>The direct children that overlap <paramref name="searchRange"/> (bisecting the child ranges, like OTIO).</summary>
    public IReadOnlyList<Composable> ChildrenInRange(TimeRange searchRange)
    {
        var ranges = RangeOfAllChildren();
        var first = 0;
        var high = ranges.Count;
        while (first < high)
        {
            var mid = (first + high) / 2;
            if (ranges[mid].EndTimeInclusive < searchRange.StartTime)
            {
                first = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        var last = first;
        high = ranges.Count;
        var end = searchRange.EndTimeInclusive;
        while (last < high)
        {
            var mid = (last + high) / 2;
            if (end < ranges[mid].StartTime)
            {
                high = mid;
            }
            else
            {
                last = mid + 1;
            }
        }

        var result = new List<Composable>(Math.Max(0, last - first));
        for (var i = first; i < last; i++)
        {
            result.Add(children[i]);
        }

        return result;
    }

    /// <summary>The child at <paramref name="time"/> (direct child; first match in child order), or null.</summary>
    public Composable? ChildAtTime(RationalTime time)
    {
        var ranges = RangeOfAllChildren();
        for (var i = 0; i < ranges.Count; i++)
        {
            if (ranges[i].Contains(time) && children[i] is Item)
            {
                return children[i];
            }
        }

        return null;
    }

    /// <summary>The compositions from the descendant's parent up to and including this one.</summary>
    private List<Composition> PathFrom(Composable descendant)
    {
        var path = new List<Composition>();
        for (var parent = descendant.Parent; ; parent = parent.Parent)
        {
            if (parent is null)
            {
                throw new InvalidOperationException($"'{descendant.Name}' is not inside '{Name}'");
            }

            path.Add(parent);
            if (ReferenceEquals(parent, this))
            {
                return path;
            }
        }
    }
}
