using System.Collections.Immutable;

namespace Takt.Domain.Timeline;

/// <summary>
/// A timeline document: a flat, immutable map of entities by id, each naming its parent. Changed
/// only by <see cref="TimelineOperation"/>s, which return a new document; so the document is
/// exactly what replaying its operation log from <see cref="Empty"/> gives, and two documents are
/// equal when their entities are.
/// </summary>
public sealed partial class TimelineDocument : IEquatable<TimelineDocument>
{
    private static readonly ImmutableHashSet<TimelineEntityId> NoIds = [];

    // Child ids by parent, and the roots: derived from Entities and kept in step by With/Without, so
    // sibling rules (overlaps, keyframe clashes) and child queries cost the siblings, not the document.
    private readonly ImmutableDictionary<TimelineEntityId, ImmutableHashSet<TimelineEntityId>> _children;
    private readonly ImmutableHashSet<TimelineEntityId> _roots;

    private TimelineDocument(
        ImmutableDictionary<TimelineEntityId, TimelineEntity> entities,
        ImmutableDictionary<TimelineEntityId, ImmutableHashSet<TimelineEntityId>> children,
        ImmutableHashSet<TimelineEntityId> roots)
    {
        Entities = entities;
        _children = children;
        _roots = roots;
    }

    public static TimelineDocument Empty { get; } = new([], [], NoIds);

    public ImmutableDictionary<TimelineEntityId, TimelineEntity> Entities { get; }

    public int Count => Entities.Count;

    public TimelineEntity? Find(TimelineEntityId id) => Entities.GetValueOrDefault(id);

    public T? Find<T>(TimelineEntityId id)
        where T : TimelineEntity => Entities.GetValueOrDefault(id) as T;

    /// <summary>Replays operations in order from this document; the first refusal stops the replay.</summary>
    public ApplyResult Replay(IEnumerable<TimelineOperation> operations)
    {
        var document = this;
        var inverses = new List<TimelineOperation>();
        foreach (var operation in operations)
        {
            var result = operation.Apply(document);
            if (!result.Applied)
            {
                return result;
            }

            document = result.Document;
            inverses.Add(result.Inverse);
        }

        inverses.Reverse();
        return ApplyResult.Ok(document, new OperationBatch([.. inverses]));
    }

    public bool Equals(TimelineDocument? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (var (id, entity) in Entities)
        {
            if (!other.Entities.TryGetValue(id, out var theirs) || !entity.Equals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is TimelineDocument other && Equals(other);

    public override int GetHashCode()
    {
        // Order-independent: XOR of the entries' hashes.
        var hash = Count;
        foreach (var (id, entity) in Entities)
        {
            hash ^= HashCode.Combine(id, entity);
        }

        return hash;
    }

    internal TimelineDocument With(TimelineEntity entity)
    {
        var children = _children;
        var roots = _roots;
        var old = Find(entity.Id);
        if (old is null || old.ParentId != entity.ParentId)
        {
            if (old is not null)
            {
                Unlink(old, ref children, ref roots);
            }

            if (entity.ParentId is { } parent)
            {
                children = children.SetItem(parent, children.GetValueOrDefault(parent, NoIds).Add(entity.Id));
            }
            else
            {
                roots = roots.Add(entity.Id);
            }
        }

        return new(Entities.SetItem(entity.Id, entity), children, roots);
    }

    internal TimelineDocument Without(TimelineEntityId id)
    {
        if (Find(id) is not { } old)
        {
            return this;
        }

        var children = _children;
        var roots = _roots;
        Unlink(old, ref children, ref roots);
        return new(Entities.Remove(id), children, roots);
    }

    private IEnumerable<TimelineEntity> ChildEntities(TimelineEntityId? parent) =>
        (parent is { } p ? _children.GetValueOrDefault(p, NoIds) : _roots).Select(id => Entities[id]);

    private static void Unlink(
        TimelineEntity entity,
        ref ImmutableDictionary<TimelineEntityId, ImmutableHashSet<TimelineEntityId>> children,
        ref ImmutableHashSet<TimelineEntityId> roots)
    {
        if (entity.ParentId is not { } parent)
        {
            roots = roots.Remove(entity.Id);
            return;
        }

        var siblings = children.GetValueOrDefault(parent, NoIds).Remove(entity.Id);
        children = siblings.IsEmpty ? children.Remove(parent) : children.SetItem(parent, siblings);
    }
}
