namespace Takt.Domain.Timeline;

/// <summary>A workflow input driven by a curve entity, sampled at each frame of the clip.</summary>
public sealed record CurveBinding(TimelineEntityId Curve) : ParameterBinding
{
    public override string TypeName => "curve binding";
}
