namespace Takt.Domain.Timeline.Otio;

/// <summary>OTIO's 1-D time transform: scale, then offset, then rescale to <see cref="Rate"/> when positive.</summary>
public readonly record struct TimeTransform(RationalTime Offset, double Scale = 1, double Rate = -1)
{
    public TimeTransform()
        : this(new RationalTime(), 1, -1)
    {
    }

    public RationalTime AppliedTo(RationalTime other)
    {
        var result = new RationalTime(other.Value * Scale, other.Rate) + Offset;
        var targetRate = Rate > 0 ? Rate : other.Rate;
        return targetRate > 0 ? result.RescaledTo(targetRate) : result;
    }

    public TimeRange AppliedTo(TimeRange other) =>
        TimeRange.FromStartEndTime(AppliedTo(other.StartTime), AppliedTo(other.EndTimeExclusive));

    public TimeTransform AppliedTo(TimeTransform other) =>
        new(Offset + other.Offset, Scale * other.Scale, Rate > 0 ? Rate : other.Rate);
}
