namespace Takt.Domain.Timeline;

/// <summary>
/// Removes an entity that has no children (a parent goes by a batch of deletes, children first:
/// <see cref="TimelineCommands.DeleteTree"/>). It carries the whole entity so the logged operation
/// alone says what was lost; the inverse recreates the entity as it stood when deleted.
/// </summary>
public sealed record DeleteEntity(TimelineEntity Entity) : TimelineOperation
{
    public override ApplyResult Apply(TimelineDocument document)
    {
        if (document.Find(Entity.Id) is not { } current || current.Kind != Entity.Kind)
        {
            return Unknown(Entity.Id);
        }

        if (document.HasChildren(Entity.Id) && document.Children(Entity.Id)[0] is { } child)
        {
            return ApplyResult.Refused(new(TimelineProblemKind.HasChildren, Entity.Id, null,
                $"the {TimelineNames.Of(current.Kind)} still holds {TimelineNames.Of(child.Kind)} {child.Id}; delete children first"));
        }

        return ApplyResult.Ok(document.Without(Entity.Id), new CreateEntity(current));
    }
}
