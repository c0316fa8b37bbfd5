namespace Takt.Domain.Timeline;

/// <summary>
/// Sets one property of one entity: the unit of last-writer-wins once edits are collaborative. The
/// inverse sets the value the property had before.
/// </summary>
public sealed record SetProperty(TimelineEntityId Entity, string Property, TimelineValue Value) : TimelineOperation
{
    public override ApplyResult Apply(TimelineDocument document)
    {
        if (document.Find(Entity) is not { } current)
        {
            return Unknown(Entity);
        }

        if (!current.TryWithProperty(Property, Value, out var changed, out var problem))
        {
            return ApplyResult.Refused(problem);
        }

        var after = document.With(changed);
        var inverse = new SetProperty(Entity, Property, current.GetProperty(Property)!);
        return after.CheckInPlace(changed) is { } placement ? ApplyResult.Refused(placement) : ApplyResult.Ok(after, inverse);
    }
}
