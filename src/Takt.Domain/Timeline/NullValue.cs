namespace Takt.Domain.Timeline;

/// <summary>No value: an absent parameter binding, or a property cleared.</summary>
public sealed record NullValue : TimelineValue
{
    public static NullValue Instance { get; } = new();

    public override string TypeName => "null";
}
