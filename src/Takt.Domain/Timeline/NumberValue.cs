namespace Takt.Domain.Timeline;

/// <summary>A number value.</summary>
public sealed record NumberValue(double Value) : TimelineValue
{
    public override string TypeName => "number";
}
