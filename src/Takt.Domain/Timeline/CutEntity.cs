namespace Takt.Domain.Timeline;

/// <summary>
/// One edit of a scene: its frame rate (exact ratio), picture size (any aspect ratio) and duration
/// in frames. Holds tracks; clip and keyframe frames are counted in this rate.
/// </summary>
public sealed record CutEntity : TimelineEntity
{
    private static readonly string[] Names = ["durationFrames", "height", "name", "rate", "width"];

    public required string Name { get; init; }

    public required FrameRate Rate { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    public required long DurationFrames { get; init; }

    public override EntityKind Kind => EntityKind.Cut;

    public override IReadOnlyList<string> PropertyNames => Names;

    public override TimelineValue? GetProperty(string property) => property switch
    {
        "name" => new TextValue(Name),
        "rate" => Rate,
        "width" => new IntegerValue(Width),
        "height" => new IntegerValue(Height),
        "durationFrames" => new IntegerValue(DurationFrames),
        _ => null,
    };

    private protected override string? With(string property, TimelineValue value, out TimelineEntity? entity)
    {
        entity = null;
        switch (property)
        {
            case "name":
                {
                    var problem = Text(value, out var name);
                    entity = this with { Name = name };
                    return problem;
                }

            case "rate":
                if (value is not FrameRate rate)
                {
                    return $"expected a frame rate, not {value.TypeName}";
                }

                entity = this with { Rate = rate };
                return rate.IsValid ? null : $"a frame rate needs a positive numerator and denominator, not {rate}";

            case "width":
            case "height":
                {
                    var problem = Integer(value, 1, out var size) ?? (size > int.MaxValue ? $"must be at most {int.MaxValue}" : null);
                    entity = property == "width" ? this with { Width = (int)Math.Min(size, int.MaxValue) } : this with { Height = (int)Math.Min(size, int.MaxValue) };
                    return problem;
                }

            default:
                {
                    var problem = Integer(value, 0, out var duration);
                    entity = this with { DurationFrames = duration };
                    return problem;
                }
        }
    }
}
