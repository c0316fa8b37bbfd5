using System.Globalization;

namespace Takt.Engine.Backends.HostedVideo;

/// <summary>
/// A node's <c>size</c> (WxH or W:H) in each provider's spelling: OpenAI <c>1280x720</c>,
/// Runway <c>1280:720</c>, Kling an aspect ratio <c>16:9</c>. Values are passed on, not
/// checked, so the provider's own validation (and its message) decides what it accepts.
/// </summary>
internal static class VideoSize
{
    public static string ToTimes(string size) => Normalise(size).Replace(':', 'x');

    public static string ToColon(string size) => Normalise(size).Replace('x', ':');

    /// <summary>Reduces a pixel size to its aspect ratio: 1280x720 → 16:9.</summary>
    public static string ToAspect(string size)
    {
        var colon = ToColon(size);
        var parts = colon.Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || w == 0 || h == 0)
        {
            return colon;
        }

        var d = Gcd(w, h);
        return string.Create(CultureInfo.InvariantCulture, $"{w / d}:{h / d}");
    }

    public static string Seconds(double duration) => duration.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Normalise(string size) => size.Trim().Replace('X', 'x').Replace('×', 'x');

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
