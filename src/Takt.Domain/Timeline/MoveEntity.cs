namespace Takt.Domain.Timeline;

/// <summary>
/// Gives an entity a new parent and order key (or just a new place among its siblings). Refused for
/// a parent of the wrong kind, a cycle, or a clip landing on another clip. The inverse moves it back.
/// </summary>
public sealed record MoveEntity(TimelineEntityId Entity, TimelineEntityId? Parent, string OrderKey) : TimelineOperation
{
    public override ApplyResult Apply(TimelineDocument document)
    {
        if (document.Find(Entity) is not { } current)
        {
            return Unknown(Entity);
        }

        if (!OrderKeys.IsValid(OrderKey))
        {
            return ApplyResult.Refused(new(TimelineProblemKind.InvalidOrderKey, Entity, "orderKey", $"'{OrderKey}' is not a valid order key"));
        }

        var moved = current with { ParentId = Parent, OrderKey = OrderKey };
        var after = document.With(moved);
        var inverse = new MoveEntity(Entity, current.ParentId, current.OrderKey);
        return after.CheckInPlace(moved) is { } problem ? ApplyResult.Refused(problem) : ApplyResult.Ok(after, inverse);
    }
}
