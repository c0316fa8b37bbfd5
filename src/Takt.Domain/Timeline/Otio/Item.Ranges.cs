namespace Takt.Domain.Timeline.Otio;

public abstract partial class Item
{
    /// <summary>This item's range in its parent's time.</summary>
    /// <exception cref="InvalidOperationException">the item has no parent.</exception>
    public TimeRange RangeInParent() => RequireParent().RangeOfChild(this);

    /// <summary>This item's range in its parent's time, clipped to the parent's source range (null when trimmed out).</summary>
    public TimeRange? TrimmedRangeInParent() => RequireParent().TrimmedRangeOfChild(this);

    /// <summary>
    /// Maps <paramref name="time"/> in this item's time frame into <paramref name="toItem"/>'s, through their common
    /// ancestor: each step up adds the parent's placement of the child minus the child's own trimmed start.
    /// </summary>
    public RationalTime TransformedTime(RationalTime time, Item toItem)
    {
        Item root = this;
        while (root.Parent is { } up)
        {
            root = up;
        }

        var result = time;
        Item item = this;
        while (!ReferenceEquals(item, root) && !ReferenceEquals(item, toItem))
        {
            var parent = item.Parent!;
            result -= item.TrimmedRange().StartTime;
            result += parent.RangeOfChild(item).StartTime;
            item = parent;
        }

        var ancestor = item;
        item = toItem;
        while (!ReferenceEquals(item, root) && !ReferenceEquals(item, ancestor))
        {
            var parent = item.Parent ?? throw new InvalidOperationException($"'{toItem.Name}' is not in the same timeline");
            result += item.TrimmedRange().StartTime;
            result -= parent.RangeOfChild(item).StartTime;
            item = parent;
        }

        return result;
    }

    public TimeRange TransformedTimeRange(TimeRange range, Item toItem) =>
        new(TransformedTime(range.StartTime, toItem), range.Duration);

    private Composition RequireParent() =>
        Parent ?? throw new InvalidOperationException($"'{Name}' is not in a composition");
}
