namespace Takt.Domain.Timeline;

/// <summary>
/// One change to a timeline document: create, set a property, delete, move, or an all-or-nothing
/// batch of these. Applying returns the new document and the inverse operation, so undo is just
/// applying the inverse, and the server (a later issue) can log, sequence and rebroadcast them.
/// </summary>
public abstract record TimelineOperation
{
    private protected TimelineOperation()
    {
    }

    /// <summary>The document after this operation and its inverse, or the problem; never a half-applied change.</summary>
    public abstract ApplyResult Apply(TimelineDocument document);

    private protected static ApplyResult Unknown(TimelineEntityId id) =>
        ApplyResult.Refused(new(TimelineProblemKind.UnknownEntity, id, null, $"entity {id} does not exist"));
}
