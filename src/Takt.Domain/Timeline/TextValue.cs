namespace Takt.Domain.Timeline;

/// <summary>A text value.</summary>
public sealed record TextValue(string Value) : TimelineValue
{
    public override string TypeName => "text";
}
