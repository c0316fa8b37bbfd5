namespace Takt.Domain.Timeline;

/// <summary>
/// A property value carried by <see cref="SetProperty"/> and stored in entities: a small closed union
/// (null, bool, integer, number, text, frame rate, clip source, interpolation, parameter binding),
/// so operations stay typed and their JSON shape is unambiguous.
/// </summary>
public abstract record TimelineValue
{
    private protected TimelineValue()
    {
    }

    /// <summary>A short name of the value's type for problem messages ("integer", "frame rate").</summary>
    public abstract string TypeName { get; }
}
