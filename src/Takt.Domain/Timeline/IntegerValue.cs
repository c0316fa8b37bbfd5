namespace Takt.Domain.Timeline;

/// <summary>A integer value.</summary>
public sealed record IntegerValue(long Value) : TimelineValue
{
    public override string TypeName => "integer";
}
