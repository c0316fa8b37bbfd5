namespace Takt.Domain.Timeline;

/// <summary>
/// What a clip shows: an archived asset, a sequence rendered earlier, or a generation that does not
/// exist yet (its workflow inputs are the clip's parameter bindings).
/// </summary>
public abstract record ClipSource : TimelineValue
{
    private protected ClipSource()
    {
    }

    /// <summary>The first problem with the source's fields, or null.</summary>
    public abstract string? Check();
}
