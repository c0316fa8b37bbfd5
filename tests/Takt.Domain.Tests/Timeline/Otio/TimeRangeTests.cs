using CsCheck;
using Takt.Domain.Timeline.Otio;

namespace Takt.Domain.Tests.Timeline.Otio;

// Allen relations and range rules from OpenTimelineIO's tests/test_opentime.py.
public sealed class TimeRangeTests
{
    private static TimeRange R(double start, double duration, double rate = 24) => new(start, duration, rate);

    [Fact]
    public void EndTimes_FollowOtio()
    {
        Assert.Equal(new RationalTime(30, 24), R(10, 20).EndTimeExclusive);
        Assert.Equal(new RationalTime(29, 24), R(10, 20).EndTimeInclusive);
        Assert.Equal(new RationalTime(30, 24), R(10, 20.5).EndTimeInclusive);
        Assert.Equal(new RationalTime(10, 24), R(10, 1).EndTimeInclusive);
    }

    [Fact]
    public void Contains_IsHalfOpen()
    {
        Assert.True(R(0, 10).Contains(new RationalTime(0, 24)));
        Assert.True(R(0, 10).Contains(new RationalTime(9, 24)));
        Assert.False(R(0, 10).Contains(new RationalTime(10, 24)));
        Assert.True(R(0, 10).Contains(R(1, 8)));
        Assert.False(R(0, 10).Contains(R(0, 8)));
    }

    [Fact]
    public void AllenRelations_MatchOtio()
    {
        Assert.True(R(0, 10).Overlaps(R(5, 10)));
        Assert.False(R(0, 10).Overlaps(R(10, 10)));
        Assert.True(R(0, 10).Intersects(R(5, 10)));
        Assert.False(R(0, 10).Intersects(R(10, 10)));
        Assert.True(R(0, 10).Before(R(11, 5)));
        Assert.False(R(0, 10).Before(R(10, 5)));
        Assert.True(R(0, 10).Meets(R(10, 5)));
        Assert.False(R(0, 10).Meets(R(11, 5)));
        Assert.True(R(0, 5).Begins(R(0, 10)));
        Assert.True(R(5, 5).Finishes(R(0, 10)));
        Assert.True(new TimeRange(new RationalTime(0, 24), new RationalTime(10, 24)) == new TimeRange(new RationalTime(0, 48), new RationalTime(20, 48)));
    }

    [Fact]
    public void ExtendedByAndClamped_FollowOtio()
    {
        Assert.Equal(R(0, 30), R(0, 10).ExtendedBy(R(20, 10)));
        Assert.Equal(R(5, 5), R(0, 10).Clamped(R(5, 20)));
        Assert.Equal(new RationalTime(9, 24), R(0, 10).Clamped(new RationalTime(20, 24)));
        Assert.Equal(R(10, 20), TimeRange.FromStartEndTime(new RationalTime(10, 24), new RationalTime(30, 24)));
    }

    [Fact]
    public void TimeTransform_ScalesOffsetsAndRescales()
    {
        var transform = new TimeTransform(new RationalTime(10, 24), 2, 48);

        Assert.True(transform.AppliedTo(new RationalTime(5, 24)).StrictlyEquals(new RationalTime(40, 48)));
        Assert.Equal(new TimeTransform(new RationalTime(20, 24), 4, 48), transform.AppliedTo(transform));
    }

    private static readonly Gen<double> Rates = Gen.Int[0, 6].Select(i => new[] { 24.0, 25.0, 30.0, 48.0, 24000 / 1001.0, 30000 / 1001.0, 60.0 }[i]);

    [Fact]
    public void Contains_AnyWholeFrameRange_IsHalfOpen()
    {
        Gen.Select(Gen.Int[-1000, 1000], Gen.Int[0, 1000], Rates).Sample((start, duration, rate) =>
        {
            var range = R(start, duration, rate);
            return range.Contains(new RationalTime(start, rate)) == (duration > 0)
                && !range.Contains(new RationalTime(start + duration, rate))
                && (duration == 0 || range.Contains(new RationalTime(start + duration - 1, rate)));
        });
    }

    [Fact]
    public void Sum_MixedRates_IsExactInSecondsAndOrderFree()
    {
        Gen.Select(Gen.Int[-10000, 10000], Rates, Gen.Int[-10000, 10000], Rates).Sample((a, rateA, b, rateB) =>
        {
            var left = new RationalTime(a, rateA);
            var right = new RationalTime(b, rateB);
            var sum = left + right;
            return sum.Rate == Math.Max(rateA, rateB)
                && sum.StrictlyEquals(right + left)
                && Math.Abs(sum.ToSeconds() - (left.ToSeconds() + right.ToSeconds())) < 1e-9
                && (sum - right).AlmostEquals(left, 1e-6);
        });
    }

    [Fact]
    public void ExtendedBy_CoversBothRanges()
    {
        Gen.Select(Gen.Int[0, 500], Gen.Int[1, 500], Gen.Int[0, 500], Gen.Int[1, 500]).Sample((s1, d1, s2, d2) =>
        {
            var union = R(s1, d1).ExtendedBy(R(s2, d2));
            return union.StartTime == new RationalTime(Math.Min(s1, s2), 24)
                && union.EndTimeExclusive == new RationalTime(Math.Max(s1 + d1, s2 + d2), 24);
        });
    }
}
