namespace Takt.Domain.Timeline;

/// <summary>
/// A key of a curve: a value at a frame, and the interpolation of the segment after it up to the
/// next key (the convention shared by Blender, Lottie and Parseq). Keys of one curve are ordered by
/// frame, never two at one frame; their values must match the curve's value kind.
/// </summary>
public sealed record KeyframeEntity : TimelineEntity
{
    private static readonly string[] Names = ["frame", "interpolation", "value"];

    public required double Frame { get; init; }

    public required TimelineValue Value { get; init; }

    public required KeyInterpolation Interpolation { get; init; }

    public override EntityKind Kind => EntityKind.Keyframe;

    public override IReadOnlyList<string> PropertyNames => Names;

    public override TimelineValue? GetProperty(string property) => property switch
    {
        "frame" => new NumberValue(Frame),
        "value" => Value,
        "interpolation" => Interpolation,
        _ => null,
    };

    private protected override string? With(string property, TimelineValue value, out TimelineEntity? entity)
    {
        entity = null;
        switch (property)
        {
            case "frame":
                if (value is not NumberValue frame)
                {
                    return $"expected a number, not {value.TypeName}";
                }

                entity = this with { Frame = frame.Value };
                return double.IsFinite(frame.Value) ? null : "a keyframe's frame must be a finite number";
            case "value":
                entity = this with { Value = value };
                return value switch
                {
                    NumberValue n when !double.IsFinite(n.Value) => "a keyframe's value must be finite",
                    NumberValue or IntegerValue or TextValue => null,
                    _ => $"a keyframe holds a number, integer or text, not {value.TypeName}",
                };
            default:
                if (value is not KeyInterpolation interpolation)
                {
                    return $"expected an interpolation, not {value.TypeName}";
                }

                entity = this with { Interpolation = interpolation };
                return interpolation.Check();
        }
    }
}
