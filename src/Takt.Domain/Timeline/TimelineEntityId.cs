namespace Takt.Domain.Timeline;

/// <summary>
/// One entity of a timeline document. Ids are made by the client that creates the entity (so an
/// edit can be applied locally before the server has seen it); <see cref="New"/> is the usual maker,
/// callers that must stay deterministic (tests, replays) pass their own.
/// </summary>
public readonly record struct TimelineEntityId(Guid Value)
{
    public static TimelineEntityId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString("D");
}
