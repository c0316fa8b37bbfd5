namespace Takt.Domain.Timeline;

/// <summary>
/// A refused edit, naming the entity and property at fault where there is one. A value, not an
/// exception: refusals are expected (stale clients, concurrent edits) and travel back to the client.
/// </summary>
public sealed record TimelineProblem(TimelineProblemKind Kind, TimelineEntityId? Entity, string? Property, string Message)
{
    public override string ToString() =>
        (Entity, Property) switch
        {
            ({ } e, { } p) => $"{Kind} at {e}.{p}: {Message}",
            ({ } e, null) => $"{Kind} at {e}: {Message}",
            _ => $"{Kind}: {Message}",
        };
}
