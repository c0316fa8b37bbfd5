namespace Takt.Domain.Rights;

/// <summary>Parses the enums people type: by their canonical kebab-case name or their C# name, any case.</summary>
internal static class EnumNames
{
    public static bool TryParse<T>(string? text, Func<T, string> canonicalName, out T value)
        where T : struct, Enum
    {
        var trimmed = text?.Trim();
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(canonicalName(candidate), trimmed, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
