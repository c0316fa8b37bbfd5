namespace Takt.Domain.Timeline;

/// <summary>A bool value.</summary>
public sealed record BoolValue(bool Value) : TimelineValue
{
    public override string TypeName => "bool";
}
