namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// A half-open range <c>[StartTime, StartTime + Duration)</c> with OTIO's rules (opentime/timeRange.h): the end
/// is computed at the duration's rate, equality and the Allen-relation predicates compare seconds within
/// <see cref="DefaultEpsilonSeconds"/>.
/// </summary>
public readonly record struct TimeRange(RationalTime StartTime, RationalTime Duration)
{
    /// <summary>Half a sample at 192 kHz: OTIO's tolerance for comparing ranges in seconds.</summary>
    public const double DefaultEpsilonSeconds = 1.0 / (2 * 192000.0);

    public TimeRange()
        : this(new RationalTime(), new RationalTime())
    {
    }

    public TimeRange(RationalTime startTime)
        : this(startTime, new RationalTime(0, startTime.Rate))
    {
    }

    public TimeRange(double startTime, double duration, double rate)
        : this(new RationalTime(startTime, rate), new RationalTime(duration, rate))
    {
    }

    public bool IsInvalid => StartTime.IsInvalid || Duration.IsInvalid || Duration.Value < 0;

    public bool IsValid => !IsInvalid;

    public RationalTime EndTimeExclusive => Duration + StartTime.RescaledTo(Duration);

    public RationalTime EndTimeInclusive
    {
        get
        {
            var end = EndTimeExclusive;
            if ((end - StartTime.RescaledTo(Duration)).Value > 1)
            {
                return Duration.Value != Math.Floor(Duration.Value)
                    ? end.Floor()
                    : end - new RationalTime(1, Duration.Rate);
            }

            return StartTime;
        }
    }

    public TimeRange DurationExtendedBy(RationalTime other) => new(StartTime, Duration + other);

    public TimeRange ExtendedBy(TimeRange other)
    {
        var start = RationalTime.Min(StartTime, other.StartTime);
        var end = RationalTime.Max(EndTimeExclusive, other.EndTimeExclusive);
        return new(start, RationalTime.DurationFromStartEndTime(start, end));
    }

    public RationalTime Clamped(RationalTime other) =>
        RationalTime.Min(RationalTime.Max(other, StartTime), EndTimeInclusive);

    public TimeRange Clamped(TimeRange other)
    {
        var start = RationalTime.Max(other.StartTime, StartTime);
        var end = RationalTime.Min(new TimeRange(start, other.Duration).EndTimeExclusive, EndTimeExclusive);
        return new(start, end - start);
    }

    public bool Contains(RationalTime other) => StartTime <= other && other < EndTimeExclusive;

    public bool Contains(TimeRange other, double epsilonSeconds = DefaultEpsilonSeconds) =>
        GreaterThan(other.StartTime.ToSeconds(), StartTime.ToSeconds(), epsilonSeconds)
        && LesserThan(other.EndTimeExclusive.ToSeconds(), EndTimeExclusive.ToSeconds(), epsilonSeconds);

    public bool Overlaps(RationalTime other) => Contains(other);

    public bool Overlaps(TimeRange other, double epsilonSeconds = DefaultEpsilonSeconds)
    {
        var thisStart = StartTime.ToSeconds();
        var thisEnd = EndTimeExclusive.ToSeconds();
        var otherStart = other.StartTime.ToSeconds();
        var otherEnd = other.EndTimeExclusive.ToSeconds();
        return LesserThan(thisStart, otherStart, epsilonSeconds)
            && GreaterThan(thisEnd, otherStart, epsilonSeconds)
            && GreaterThan(otherEnd, thisEnd, epsilonSeconds);
    }

    public bool Before(TimeRange other, double epsilonSeconds = DefaultEpsilonSeconds) =>
        GreaterThan(other.StartTime.ToSeconds(), EndTimeExclusive.ToSeconds(), epsilonSeconds);

    public bool Before(RationalTime other, double epsilonSeconds = DefaultEpsilonSeconds) =>
        LesserThan(EndTimeExclusive.ToSeconds(), other.ToSeconds(), epsilonSeconds);

    public bool Meets(TimeRange other, double epsilonSeconds = DefaultEpsilonSeconds)
    {
        var gap = other.StartTime.ToSeconds() - EndTimeExclusive.ToSeconds();
        return gap <= epsilonSeconds && gap >= 0;
    }

    public bool Begins(TimeRange other, double epsilonSeconds = DefaultEpsilonSeconds) =>
        Math.Abs(other.StartTime.ToSeconds() - StartTime.ToSeconds()) <= epsilonSeconds
        && LesserThan(EndTimeExclusive.ToSeconds(), other.EndTimeExclusive.ToSeconds(), epsilonSeconds);

    public bool Begins(RationalTime other, double epsilonSeconds = DefaultEpsilonSeconds) =>
        Math.Abs(other.ToSeconds() - StartTime.ToSeconds()) <= epsilonSeconds;

    public bool Finishes(TimeRange other, double epsilonSeconds = DefaultEpsilonSeconds) =>
        Math.Abs(EndTimeExclusive.ToSeconds() - other.EndTimeExclusive.ToSeconds()) <= epsilonSeconds
        && GreaterThan(StartTime.ToSeconds(), other.StartTime.ToSeconds(), epsilonSeconds);

    public bool Finishes(RationalTime other, double epsilonSeconds = DefaultEpsilonSeconds) =>
        Math.Abs(EndTimeExclusive.ToSeconds() - other.ToSeconds()) <= epsilonSeconds;

    public bool Intersects(TimeRange other, double epsilonSeconds = DefaultEpsilonSeconds) =>
        LesserThan(StartTime.ToSeconds(), other.EndTimeExclusive.ToSeconds(), epsilonSeconds)
        && GreaterThan(EndTimeExclusive.ToSeconds(), other.StartTime.ToSeconds(), epsilonSeconds);

    public static TimeRange FromStartEndTime(RationalTime start, RationalTime endExclusive) =>
        new(start, RationalTime.DurationFromStartEndTime(start, endExclusive));

    public static TimeRange FromStartEndTimeInclusive(RationalTime start, RationalTime endInclusive) =>
        new(start, RationalTime.DurationFromStartEndTimeInclusive(start, endInclusive));

    /// <summary>OTIO's equality: start and duration each differ by less than the epsilon in seconds.</summary>
    public bool Equals(TimeRange other) =>
        Math.Abs((StartTime - other.StartTime).ToSeconds()) < DefaultEpsilonSeconds
        && Math.Abs((Duration - other.Duration).ToSeconds()) < DefaultEpsilonSeconds;

    public bool StrictlyEquals(TimeRange other) =>
        StartTime.StrictlyEquals(other.StartTime) && Duration.StrictlyEquals(other.Duration);

    // Equality is tolerant, so only a coarse hash is consistent with it.
    public override int GetHashCode() => Math.Round(Duration.ToSeconds(), 3).GetHashCode();

    public override string ToString() => $"TimeRange({StartTime}, {Duration})";

    private static bool GreaterThan(double left, double right, double epsilon) => left - right >= epsilon;

    private static bool LesserThan(double left, double right, double epsilon) => right - left >= epsilon;
}
