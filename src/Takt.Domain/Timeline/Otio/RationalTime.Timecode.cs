using System.Globalization;

namespace Takt.Domain.Timeline.Otio;

public readonly partial record struct RationalTime
{
    private static readonly double[] SmpteRates =
        [24000.0 / 1001.0, 24.0, 25.0, 30000.0 / 1001.0, 30.0, 48000.0 / 1001.0, 48.0, 50.0, 60000.0 / 1001.0, 60.0];

    public static bool IsSmpteTimecodeRate(double rate) => Array.IndexOf(SmpteRates, rate) >= 0;

    public static double NearestSmpteTimecodeRate(double rate)
    {
        var nearest = 0.0;
        var minDiff = double.MaxValue;
        foreach (var smpte in SmpteRates)
        {
            if (smpte == rate)
            {
                return rate;
            }

            var diff = Math.Abs(rate - smpte);
            if (diff < minDiff)
            {
                minDiff = diff;
                nearest = smpte;
            }
        }

        return nearest;
    }

    /// <summary>
    /// Parses <c>HH:MM:SS:FF</c> (or <c>HH:MM:SS;FF</c> drop-frame, only at 29.97/59.94) at an SMPTE rate.
    /// </summary>
    /// <exception cref="FormatException">the rate is not an SMPTE rate or the timecode does not fit it.</exception>
    public static RationalTime FromTimecode(string timecode, double rate)
    {
        if (!IsSmpteTimecodeRate(rate))
        {
            throw new FormatException($"{rate.ToString(CultureInfo.InvariantCulture)} is not an SMPTE timecode rate");
        }

        var dropFrame = IsDropFrameRate(rate);
        if (timecode.Contains(';', StringComparison.Ordinal))
        {
            if (!dropFrame)
            {
                throw new FormatException($"timecode '{timecode}' uses ';' (drop frame) but {rate.ToString(CultureInfo.InvariantCulture)} is not a drop-frame rate");
            }
        }
        else
        {
            dropFrame = false;
        }

        var fields = new int[4];
        for (var i = 0; i < 4; i++)
        {
            var start = i * 3;
            var length = Math.Min(2, timecode.Length - start);
            if (length <= 0 || !int.TryParse(timecode.AsSpan(start, length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out fields[i]))
            {
                throw new FormatException($"'{timecode}' is not a timecode");
            }
        }

        var (hours, minutes, seconds, frames) = (fields[0], fields[1], fields[2], fields[3]);
        if (hours < 0 || minutes < 0 || seconds < 0 || frames < 0)
        {
            throw new FormatException($"'{timecode}' is negative");
        }

        var nominalFps = (int)Math.Ceiling(rate);
        if (frames >= nominalFps)
        {
            throw new FormatException($"timecode '{timecode}' has frames beyond {nominalFps - 1}");
        }

        var dropFrames = !dropFrame ? 0 : (rate == 30000.0 / 1001.0 ? 2 : 4);
        var totalMinutes = (hours * 60) + minutes;
        var value = ((((totalMinutes * 60) + seconds) * nominalFps) + frames) - (dropFrames * (totalMinutes - (totalMinutes / 10)));
        return new(value, rate);
    }

    /// <summary>Timecode at this time's own rate, drop frame inferred from the rate.</summary>
    public string ToTimecode() => ToTimecode(Rate, null);

    /// <summary>
    /// Timecode at <paramref name="rate"/> (snapped to the nearest SMPTE rate within 0.1). A null
    /// <paramref name="dropFrame"/> infers drop frame from the rate (29.97 and 59.94 are drop frame).
    /// </summary>
    /// <exception cref="ArgumentException">negative time, non-SMPTE rate, or drop frame forced on a non-drop rate.</exception>
    public string ToTimecode(double rate, bool? dropFrame = null)
    {
        var framesAtRate = ValueRescaledTo(rate);
        if (framesAtRate < 0)
        {
            throw new ArgumentException("a negative time has no timecode", nameof(rate));
        }

        var nearest = NearestSmpteTimecodeRate(rate);
        if (Math.Abs(nearest - rate) > 0.1)
        {
            throw new ArgumentException($"{rate.ToString(CultureInfo.InvariantCulture)} is not an SMPTE timecode rate", nameof(rate));
        }

        rate = nearest;
        var isDropFrame = IsDropFrameRate(rate);
        if (dropFrame == true && !isDropFrame)
        {
            throw new ArgumentException($"{rate.ToString(CultureInfo.InvariantCulture)} is not a drop-frame rate", nameof(dropFrame));
        }

        if (dropFrame is { } forced)
        {
            isDropFrame = forced;
        }

        var dropFrames = 0;
        var divider = ':';
        if (!isDropFrame)
        {
            if (Math.Round(rate, MidpointRounding.AwayFromZero) == 24)
            {
                rate = 24.0;
            }
        }
        else
        {
            dropFrames = rate == 30000.0 / 1001.0 ? 2 : (rate == 60000.0 / 1001.0 ? 4 : 0);
            divider = ';';
        }

        var framesPerHour = (int)Math.Round(rate * 60 * 60, MidpointRounding.AwayFromZero);
        var framesPer24Hours = framesPerHour * 24;
        var framesPer10Minutes = (int)Math.Round(rate * 60 * 10, MidpointRounding.AwayFromZero);
        var framesPerMinute = (int)((Math.Round(rate, MidpointRounding.AwayFromZero) * 60) - dropFrames);

        var value = framesAtRate % framesPer24Hours;
        if (isDropFrame)
        {
            var tenMinuteChunks = (int)Math.Floor(value / framesPer10Minutes);
            var framesOverTenMinutes = (int)(value % framesPer10Minutes);
            value += framesOverTenMinutes > dropFrames
                ? (dropFrames * 9 * tenMinuteChunks) + (dropFrames * ((framesOverTenMinutes - dropFrames) / framesPerMinute))
                : dropFrames * 9 * tenMinuteChunks;
        }

        var nominalFps = (int)Math.Ceiling(rate);
        var frames = (int)(value % nominalFps);
        var secondsTotal = (int)Math.Floor(value / nominalFps);
        var seconds = secondsTotal % 60;
        var minutes = secondsTotal / 60 % 60;
        var hours = secondsTotal / 60 / 60;
        return string.Create(CultureInfo.InvariantCulture, $"{hours:00}:{minutes:00}:{seconds:00}{divider}{frames:00}");
    }

    private static bool IsDropFrameRate(double rate) => rate == 30000.0 / 1001.0 || rate == 60000.0 / 1001.0;
}
