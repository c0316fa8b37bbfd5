namespace Takt.Domain.Timeline;

/// <summary>Adds an entity, with all its properties, under its parent. The inverse deletes it.</summary>
public sealed record CreateEntity(TimelineEntity Entity) : TimelineOperation
{
    public override ApplyResult Apply(TimelineDocument document)
    {
        if (document.Find(Entity.Id) is not null)
        {
            return ApplyResult.Refused(new(TimelineProblemKind.DuplicateEntity, Entity.Id, null, $"entity {Entity.Id} already exists"));
        }

        var after = document.With(Entity);
        return after.CheckInPlace(Entity) is { } problem ? ApplyResult.Refused(problem) : ApplyResult.Ok(after, new DeleteEntity(Entity));
    }
}
