using CsCheck;
using Takt.Domain.Timeline.Otio;

namespace Takt.Domain.Tests.Timeline.Otio;

// Numbers from OpenTimelineIO's tests/test_opentime.py.
public sealed class RationalTimeTests
{
    [Fact]
    public void Equality_RescalesLeftToRightRate()
    {
        Assert.Equal(new RationalTime(1, 24), new RationalTime(2, 48));
        Assert.False(new RationalTime(1, 24).StrictlyEquals(new RationalTime(2, 48)));
        Assert.NotEqual(new RationalTime(1, 24), new RationalTime(1, 25));
        Assert.True(new RationalTime(1, 24).AlmostEquals(new RationalTime(1.01, 24), 0.02));
    }

    [Fact]
    public void Arithmetic_MixedRates_TakesTheLargerRate()
    {
        var sum = new RationalTime(5, 24) + new RationalTime(5, 48);
        Assert.True(sum.StrictlyEquals(new RationalTime(15, 48)));
        var difference = new RationalTime(5, 24) - new RationalTime(5, 48);
        Assert.True(difference.StrictlyEquals(new RationalTime(5, 48)));
        Assert.True((new RationalTime(10, 48) - new RationalTime(1, 24)).StrictlyEquals(new RationalTime(8, 48)));
    }

    [Fact]
    public void Comparison_UsesSeconds()
    {
        Assert.True(new RationalTime(15.2, 1) < new RationalTime(15.6, 1));
        Assert.True(new RationalTime(15, 24) < new RationalTime(16, 24));
        Assert.True(new RationalTime(1, 1) > new RationalTime(23, 24));
        Assert.True(new RationalTime(48, 48) >= new RationalTime(24, 24));
    }

    [Fact]
    public void Conversions_TruncateLikeOtio()
    {
        Assert.Equal(1, new RationalTime(1.9, 24).ToFrames());
        Assert.Equal(12, new RationalTime(0.5, 1).ToFrames(24));
        Assert.True(RationalTime.FromFrames(3.7, 24).StrictlyEquals(new RationalTime(3, 24)));
        Assert.True(RationalTime.FromSeconds(2, 24).StrictlyEquals(new RationalTime(48, 24)));
        Assert.Equal(1.5, new RationalTime(36, 24).ToSeconds());
        Assert.True(new RationalTime(10, 0).IsInvalid);
        Assert.True(new RationalTime(double.NaN, 24).IsInvalid);
        Assert.Equal(0, new RationalTime(10, 0).ValueRescaledTo(24));
    }

    [Theory]
    [InlineData("00:00:01:00", 24)]
    [InlineData("00:01:00:00", 24 * 60)]
    [InlineData("01:00:00:00", 24 * 60 * 60)]
    [InlineData("24:00:00:00", 24 * 60 * 60 * 24)]
    [InlineData("23:59:59:23", (24 * 60 * 60 * 24) - 1)]
    public void FromTimecode_23976_BehavesLike24(string timecode, double frames)
    {
        Assert.Equal(new RationalTime(frames, 24000 / 1001.0), RationalTime.FromTimecode(timecode, 24000 / 1001.0));
        Assert.Equal(new RationalTime(frames, 24), RationalTime.FromTimecode(timecode, 24));
    }

    [Theory]
    [InlineData(10789, "00:05:59:19", "00:05:59;29")]
    [InlineData(10790, "00:05:59:20", "00:06:00;02")]
    [InlineData(17981, "00:09:59:11", "00:09:59;29")]
    [InlineData(17982, "00:09:59:12", "00:10:00;00")]
    [InlineData(17983, "00:09:59:13", "00:10:00;01")]
    [InlineData(17984, "00:09:59:14", "00:10:00;02")]
    public void Timecode_2997_DropAndNonDrop(double value, string timecode, string dropFrameTimecode)
    {
        const double rate = 30000 / 1001.0;
        var time = new RationalTime(value, rate);

        Assert.Equal(dropFrameTimecode, time.ToTimecode(rate, true));
        Assert.Equal(timecode, time.ToTimecode(rate, false));
        Assert.Equal(dropFrameTimecode, time.ToTimecode(rate));
        Assert.Equal(time, RationalTime.FromTimecode(dropFrameTimecode, rate));
        Assert.Equal(time, RationalTime.FromTimecode(timecode, rate));
    }

    [Theory]
    [InlineData(29.97, "10:03:00;05")]
    [InlineData(30000.0 / 1001.0, "10:03:00;05")]
    [InlineData(59.94, "05:01:30;03")]
    [InlineData(60000.0 / 1001.0, "05:01:30;03")]
    public void ToTimecode_NtscRates_InferDropFrame(double rate, string expected)
    {
        Assert.Equal(expected, new RationalTime(1084319, rate).ToTimecode(rate));
    }

    [Fact]
    public void Timecode_BadInput_IsRejected()
    {
        Assert.Equal("10:02:23:29", new RationalTime(1084319, 30000 / 1001.0).ToTimecode(30000 / 1001.0, false));
        Assert.Throws<ArgumentException>(() => new RationalTime(-1, 25).ToTimecode(25));
        Assert.Throws<ArgumentException>(() => new RationalTime(30, 24000 / 1001.0).ToTimecode(24000 / 1001.0, true));
        Assert.Throws<FormatException>(() => RationalTime.FromTimecode("01:00:13:24", 24));
        Assert.Throws<FormatException>(() => RationalTime.FromTimecode("01:00:13;23", 24));
        Assert.Throws<FormatException>(() => RationalTime.FromTimecode("pink elephants", 13));
        Assert.Equal("00:06:56:17", RationalTime.FromTimecode("00:06:56:17", 24).ToTimecode());
    }

    [Fact]
    public void TimecodeRoundTrip_AnyFrameAt24_IsStable()
    {
        Gen.Int[0, (24 * 60 * 60 * 24) - 1].Sample(frame =>
        {
            var time = new RationalTime(frame, 24);
            return RationalTime.FromTimecode(time.ToTimecode(), 24).StrictlyEquals(time);
        });
    }
}
