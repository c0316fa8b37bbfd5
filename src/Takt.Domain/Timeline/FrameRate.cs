namespace Takt.Domain.Timeline;

/// <summary>
/// Frames per second as a ratio (24000/1001 for 23.976), kept exact: a float rate drifts against
/// timecode over a long cut. Valid when both parts are positive.
/// </summary>
public sealed record FrameRate(long Numerator, long Denominator) : TimelineValue
{
    public override string TypeName => "frame rate";

    public bool IsValid => Numerator > 0 && Denominator > 0;

    public double FramesPerSecond => (double)Numerator / Denominator;

    public override string ToString() => $"{Numerator}/{Denominator}";
}
