using System.Text;

namespace Takt.Domain.Timeline;

/// <summary>
/// Fractional order keys (Figma style): base-62 digit strings read as fractions 0.d1d2d3…, compared
/// ordinally, so a sibling can always be placed between two others by inventing a key between theirs
/// and no other sibling is rewritten (concurrent inserts then never conflict). A valid key is
/// non-empty, uses only <c>0-9A-Za-z</c>, and does not end in <c>0</c>, which guarantees that a key
/// strictly between any two keys exists.
/// </summary>
public static class OrderKeys
{
    // Ordinal order of these characters is their numeric order (ASCII '0' < 'A' < 'a').
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int Base = 62;

    /// <summary>The key for the first child of an empty parent: the middle digit, leaving room on both sides.</summary>
    public static string First { get; } = "V";

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key[^1] == '0')
        {
            return false;
        }

        foreach (var c in key)
        {
            if (DigitOf(c) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A key strictly between <paramref name="before"/> and <paramref name="after"/> (null means no
    /// bound on that side). Appending and prepending step one digit at a time, so a list built by
    /// appends grows by one character per ~30 items instead of one per ~6 that halving would give.
    /// </summary>
    /// <exception cref="ArgumentException">A key is invalid, or <paramref name="before"/> is not below <paramref name="after"/>: a bug in the caller.</exception>
    public static string Between(string? before, string? after)
    {
        if (before is not null && !IsValid(before))
        {
            throw new ArgumentException($"'{before}' is not a valid order key", nameof(before));
        }

        if (after is not null && !IsValid(after))
        {
            throw new ArgumentException($"'{after}' is not a valid order key", nameof(after));
        }

        if (before is not null && after is not null && string.CompareOrdinal(before, after) >= 0)
        {
            throw new ArgumentException($"order key '{before}' is not below '{after}'", nameof(before));
        }

        if (before is null && after is null)
        {
            return First;
        }

        if (after is null)
        {
            return After(before!);
        }

        if (before is null)
        {
            return Before(after);
        }

        var result = new StringBuilder();
        Midpoint(before, after, result);
        return result.ToString();
    }

    /// <summary>Keys for <paramref name="count"/> new siblings in order, all strictly between the two bounds.</summary>
    public static IReadOnlyList<string> Sequence(string? before, string? after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var keys = new List<string>(count);
        var previous = before;
        for (var i = 0; i < count; i++)
        {
            previous = Between(previous, after);
            keys.Add(previous);
        }

        return keys;
    }

    private static string After(string before)
    {
        // Increment the first digit that is not already the largest; everything after it is dropped.
        for (var i = 0; i < before.Length; i++)
        {
            var digit = DigitOf(before[i]);
            if (digit < Base - 1)
            {
                return string.Concat(before.AsSpan(0, i), Digits.AsSpan(digit + 1, 1));
            }
        }

        return before + First;
    }

    private static string Before(string after)
    {
        // Decrement the first digit above 1 (a 1 would leave a trailing 0); otherwise go one digit deeper.
        for (var i = 0; i < after.Length; i++)
        {
            var digit = DigitOf(after[i]);
            if (digit > 1)
            {
                return string.Concat(after.AsSpan(0, i), Digits.AsSpan(digit - 1, 1));
            }

            if (digit == 1 && i < after.Length - 1)
            {
                // "1x…" > "1": keep the prefix, which is already below.
                return after[..(i + 1)];
            }
        }

        var result = new StringBuilder();
        Midpoint(string.Empty, after, result);
        return result.ToString();
    }

    /// <summary>Appends to <paramref name="result"/> a key between <paramref name="a"/> (may be empty: 0) and <paramref name="b"/> (may be null: 1).</summary>
    private static void Midpoint(string a, string? b, StringBuilder result)
    {
        while (true)
        {
            if (b is not null)
            {
                // Skip the common prefix (a padded with zeros).
                var n = 0;
                while (n < b.Length && (n < a.Length ? a[n] : '0') == b[n])
                {
                    n++;
                }

                if (n > 0)
                {
                    result.Append(b, 0, n);
                    a = n < a.Length ? a[n..] : string.Empty;
                    b = b[n..];
                    continue;
                }
            }

            var low = a.Length > 0 ? DigitOf(a[0]) : 0;
            var high = b is not null ? DigitOf(b[0]) : Base;
            if (high - low > 1)
            {
                result.Append(Digits[(low + high + 1) / 2]);
                return;
            }

            if (b is not null && b.Length > 1)
            {
                // b's first digit alone is above a and below b (b continues with a non-zero tail).
                result.Append(b[0]);
                return;
            }

            result.Append(Digits[low]);
            a = a.Length > 0 ? a[1..] : string.Empty;
            b = null;
        }
    }

    private static int DigitOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        >= 'a' and <= 'z' => c - 'a' + 36,
        _ => -1,
    };
}
