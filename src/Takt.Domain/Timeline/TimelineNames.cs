namespace Takt.Domain.Timeline;

/// <summary>
/// The lower-case wire names of the timeline's enums ("video", "bezier", "clip"): one spelling for
/// property values and JSON, independent of C# member names.
/// </summary>
public static class TimelineNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    public static IEnumerable<string> All<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(Of);

    public static bool TryParse<TEnum>(string name, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
