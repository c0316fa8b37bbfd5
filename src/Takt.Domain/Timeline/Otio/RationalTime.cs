namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// OTIO's time value: <see cref="Value"/> units at <see cref="Rate"/> units per second, both doubles, with OTIO's
/// exact arithmetic (opentime/rationalTime.h) so golden numbers match bit for bit: sums take the larger rate,
/// ordering compares seconds, and <c>==</c> rescales the left operand to the right one's rate and compares the
/// doubles exactly (so it is not a strict field comparison; use <see cref="StrictlyEquals"/> for that).
/// </summary>
public readonly partial record struct RationalTime(double Value, double Rate) : IComparable<RationalTime>
{
    public RationalTime()
        : this(0, 1)
    {
    }

    public RationalTime(double value)
        : this(value, 1)
    {
    }

    /// <summary>True when the value is NaN or the rate is NaN or not positive.</summary>
    public bool IsInvalid => double.IsNaN(Rate) || double.IsNaN(Value) || Rate <= 0;

    public bool IsValid => !IsInvalid;

    public double ValueRescaledTo(double newRate) =>
        newRate == Rate ? Value : (Rate > 0 ? Value * newRate / Rate : 0);

    public double ValueRescaledTo(RationalTime other) => ValueRescaledTo(other.Rate);

    public RationalTime RescaledTo(double newRate) => new(ValueRescaledTo(newRate), newRate);

    public RationalTime RescaledTo(RationalTime other) => RescaledTo(other.Rate);

    public bool AlmostEquals(RationalTime other, double delta = 0) =>
        Math.Abs(ValueRescaledTo(other.Rate) - other.Value) <= delta;

    public bool StrictlyEquals(RationalTime other) => Value == other.Value && Rate == other.Rate;

    public RationalTime Floor() => new(Math.Floor(Value), Rate);

    public RationalTime Ceiling() => new(Math.Ceiling(Value), Rate);

    public RationalTime Round() => new(Math.Round(Value, MidpointRounding.AwayFromZero), Rate);

    /// <summary>Whole frames at this time's own rate, truncated toward zero like OTIO's <c>int(value)</c>.</summary>
    public int ToFrames() => (int)Value;

    public int ToFrames(double rate) => (int)ValueRescaledTo(rate);

    public double ToSeconds() => ValueRescaledTo(1);

    public static RationalTime FromFrames(double frame, double rate) => new((int)frame, rate);

    public static RationalTime FromSeconds(double seconds, double rate) => new RationalTime(seconds, 1).RescaledTo(rate);

    public static RationalTime FromSeconds(double seconds) => new(seconds, 1);

    public static RationalTime DurationFromStartEndTime(RationalTime start, RationalTime endExclusive) =>
        start.Rate == endExclusive.Rate
            ? new(endExclusive.Value - start.Value, start.Rate)
            : new(endExclusive.ValueRescaledTo(start) - start.Value, start.Rate);

    public static RationalTime DurationFromStartEndTimeInclusive(RationalTime start, RationalTime endInclusive) =>
        start.Rate == endInclusive.Rate
            ? new(endInclusive.Value - start.Value + 1, start.Rate)
            : new(endInclusive.ValueRescaledTo(start) - start.Value + 1, start.Rate);

    public static RationalTime operator +(RationalTime left, RationalTime right) =>
        left.Rate < right.Rate
            ? new(left.ValueRescaledTo(right.Rate) + right.Value, right.Rate)
            : new(right.ValueRescaledTo(left.Rate) + left.Value, left.Rate);

    public static RationalTime operator -(RationalTime left, RationalTime right) =>
        left.Rate < right.Rate
            ? new(left.ValueRescaledTo(right.Rate) - right.Value, right.Rate)
            : new(left.Value - right.ValueRescaledTo(left.Rate), left.Rate);

    public static RationalTime operator -(RationalTime time) => new(-time.Value, time.Rate);

    public static bool operator >(RationalTime left, RationalTime right) => left.Value / left.Rate > right.Value / right.Rate;

    public static bool operator >=(RationalTime left, RationalTime right) => left.Value / left.Rate >= right.Value / right.Rate;

    public static bool operator <(RationalTime left, RationalTime right) => !(left >= right);

    public static bool operator <=(RationalTime left, RationalTime right) => !(left > right);

    public static RationalTime Add(RationalTime left, RationalTime right) => left + right;

    public static RationalTime Subtract(RationalTime left, RationalTime right) => left - right;

    public static RationalTime Negate(RationalTime time) => -time;

    public static RationalTime Min(RationalTime a, RationalTime b) => b < a ? b : a;

    public static RationalTime Max(RationalTime a, RationalTime b) => a < b ? b : a;

    /// <summary>OTIO's equality: this value rescaled to the other's rate equals the other's value exactly.</summary>
    public bool Equals(RationalTime other) => ValueRescaledTo(other.Rate) == other.Value;

    // Equal times can differ in rate, so the hash uses seconds; rescaling can round in the last bit, which
    // rounding the seconds absorbs for the times a timeline holds.
    public override int GetHashCode() => Math.Round(ToSeconds(), 9).GetHashCode();

    public int CompareTo(RationalTime other) => this < other ? -1 : (this > other ? 1 : 0);

    public override string ToString() => FormattableString.Invariant($"RationalTime({Value}, {Rate})");
}
