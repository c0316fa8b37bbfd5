namespace Takt.Domain.Timeline;

/// <summary>What feeds one workflow input of a generation clip: a curve, evaluated per frame, or a constant.</summary>
public abstract record ParameterBinding : TimelineValue
{
    private protected ParameterBinding()
    {
    }
}
