namespace Takt.Domain.Timeline;

/// <summary>Why an operation or command was refused.</summary>
public enum TimelineProblemKind
{
    UnknownEntity,
    DuplicateEntity,
    WrongParent,
    Cycle,
    HasChildren,
    UnknownProperty,
    InvalidValue,
    InvalidOrderKey,
    Overlap,
    KeyframeClash,
    Locked,
    NotAdjacent,
}
