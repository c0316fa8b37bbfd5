namespace Takt.Domain.Timeline;

/// <summary>
/// The interpolation of the segment after a keyframe, kept as data: its kind, the easing name for
/// <see cref="InterpolationKind.Ease"/>, and the handles for <see cref="InterpolationKind.Bezier"/>.
/// </summary>
public sealed record KeyInterpolation(InterpolationKind Kind, string? Easing = null, BezierHandles? Handles = null) : TimelineValue
{
    public static KeyInterpolation Constant { get; } = new(InterpolationKind.Constant);

    public static KeyInterpolation Linear { get; } = new(InterpolationKind.Linear);

    public override string TypeName => "interpolation";

    public string? Check() => Kind switch
    {
        InterpolationKind.Constant or InterpolationKind.Linear when Easing is not null || Handles is not null =>
            "constant and linear interpolation take no easing or handles",
        InterpolationKind.Bezier when Handles is null || Easing is not null => "bezier interpolation takes handles and no easing",
        InterpolationKind.Bezier => Handles!.Check(),
        InterpolationKind.Ease when string.IsNullOrWhiteSpace(Easing) || Handles is not null => "ease interpolation takes an easing name and no handles",
        InterpolationKind.Constant or InterpolationKind.Linear or InterpolationKind.Bezier or InterpolationKind.Ease => null,
        _ => $"unknown interpolation kind {(int)Kind}",
    };
}
