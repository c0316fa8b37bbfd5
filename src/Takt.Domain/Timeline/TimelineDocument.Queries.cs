namespace Takt.Domain.Timeline;

// Queries go through the child index, so they cost the entity's children, not the document.
public sealed partial class TimelineDocument
{
    /// <summary>The projects (roots), in order.</summary>
    public IReadOnlyList<TimelineEntity> Roots() => InOrder(ChildEntities(null));

    /// <summary>The children of an entity by order key; equal keys (two concurrent inserts) fall back to id, so every replica agrees.</summary>
    public IReadOnlyList<TimelineEntity> Children(TimelineEntityId parent) => InOrder(ChildEntities(parent));

    /// <summary>
    /// An order key that places a new child of <paramref name="parent"/> (null: a new project) at
    /// <paramref name="index"/> among its current children. Where neighbours share a key (two
    /// concurrent inserts), the new key goes just after that shared key, the nearest free place.
    /// </summary>
    public string OrderKeyAt(TimelineEntityId? parent, int index)
    {
        var siblings = parent is { } p ? Children(p) : Roots();
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, siblings.Count);
        var before = index > 0 ? siblings[index - 1].OrderKey : null;
        var after = siblings.Skip(index).Select(s => s.OrderKey).FirstOrDefault(k => before is null || string.CompareOrdinal(k, before) > 0);
        return OrderKeys.Between(before, after);
    }

    /// <summary>The clips of a track in time order.</summary>
    public IReadOnlyList<ClipEntity> ClipsOf(TimelineEntityId track) =>
        [.. ChildEntities(track).OfType<ClipEntity>().OrderBy(c => c.Start).ThenBy(c => c.Id.Value)];

    /// <summary>The keyframes of a curve in frame order.</summary>
    public IReadOnlyList<KeyframeEntity> KeyframesOf(TimelineEntityId curve) =>
        [.. ChildEntities(curve).OfType<KeyframeEntity>().OrderBy(k => k.Frame).ThenBy(k => k.Id.Value)];

    /// <summary>The curves animating an entity (its curve children), by parameter.</summary>
    public IReadOnlyList<CurveEntity> CurvesOf(TimelineEntityId target) =>
        [.. ChildEntities(target).OfType<CurveEntity>().OrderBy(c => c.Parameter, StringComparer.Ordinal).ThenBy(c => c.Id.Value)];

    /// <summary>The cut's duration in frames, or null when there is no such cut.</summary>
    public long? CutDuration(TimelineEntityId cut) => Find<CutEntity>(cut)?.DurationFrames;

    /// <summary>The frame after the last clip of the cut's tracks (0 when empty): what a cut must last to show all its clips.</summary>
    public long ContentEnd(TimelineEntityId cut)
    {
        return ChildEntities(cut).OfType<TrackEntity>().SelectMany(t => ChildEntities(t.Id)).OfType<ClipEntity>().Select(c => c.End).DefaultIfEmpty(0).Max();
    }

    /// <summary>The curve a clip's workflow input is bound to, or null (no binding, a constant, or a curve since deleted).</summary>
    public CurveEntity? CurveFor(TimelineEntityId clip, string input) =>
        Find<ClipEntity>(clip)?.Bindings.GetValueOrDefault(input) is CurveBinding binding ? Find<CurveEntity>(binding.Curve) : null;

    /// <summary>The entity's descendants and itself, children before parents: the order a cascading delete must take.</summary>
    public IReadOnlyList<TimelineEntity> SubtreeChildrenFirst(TimelineEntityId root)
    {
        var result = new List<TimelineEntity>();
        if (Find(root) is not { } entity)
        {
            return result;
        }

        Visit(entity);
        return result;

        void Visit(TimelineEntity node)
        {
            foreach (var child in Children(node.Id))
            {
                Visit(child);
            }

            result.Add(node);
        }
    }

    public bool HasChildren(TimelineEntityId id) => _children.ContainsKey(id);

    /// <summary>The ancestors of an entity, nearest first.</summary>
    public IEnumerable<TimelineEntity> Ancestors(TimelineEntityId id)
    {
        var current = Find(id);
        for (var steps = 0; current?.ParentId is { } parent && steps <= Count; steps++)
        {
            current = Find(parent);
            if (current is null)
            {
                yield break;
            }

            yield return current;
        }
    }

    private static List<TimelineEntity> InOrder(IEnumerable<TimelineEntity> entities) =>
        [.. entities.OrderBy(e => e.OrderKey, StringComparer.Ordinal).ThenBy(e => e.Id.Value)];
}
