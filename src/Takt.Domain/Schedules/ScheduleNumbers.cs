using System.Globalization;

namespace Takt.Domain.Schedules;

/// <summary>Numbers written for schedule strings: plain decimals (no exponent, which Deforum would not read as a number) that read back as the same double.</summary>
internal static class ScheduleNumbers
{
    public static string Format(double value)
    {
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        if (!shortest.Contains('E', StringComparison.Ordinal))
        {
            return shortest;
        }

        // Move the shortest form's decimal point by its exponent, so the digits stay the round-trip ones.
        var negative = shortest[0] == '-';
        var exponentAt = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = shortest[(negative ? 1 : 0)..exponentAt];
        var exponent = int.Parse(shortest.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var position = (point < 0 ? mantissa.Length : point) + exponent;
        var plain = position <= 0
            ? "0." + new string('0', -position) + digits
            : position >= digits.Length ? digits + new string('0', position - digits.Length) : digits[..position] + "." + digits[position..];
        return negative ? "-" + plain : plain;
    }

    /// <summary>Deforum's <c>check_is_number</c>: an optional sign, digits, and an optional point followed by digits.</summary>
    public static bool IsPlainNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fraction = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                fraction++;
            }

            return fraction > 0 && i == text.Length;
        }

        return digits > 0 && i == text.Length;
    }
}
