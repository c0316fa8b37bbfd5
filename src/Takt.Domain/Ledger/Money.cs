using System.Globalization;

namespace Takt.Domain.Ledger;

/// <summary>
/// An exact amount: a whole number of the currency's minor units (cents for USD, yen for JPY,
/// fils for KWD). Amounts never pass through floating point, so what was entered is what is booked.
/// </summary>
public readonly record struct Money(long Minor, Currency Currency)
{
    /// <summary>
    /// Parses revenue written as plain decimal text in the invariant culture ("1234.50"): ASCII
    /// digits with at most one '.', and no more decimals than the currency has. Signs, exponents,
    /// separators, inner whitespace, NaN and infinities are refused rather than guessed at, and so
    /// are zero and anything beyond <see cref="long.MaxValue"/> minor units. Surrounding whitespace is ignored.
    /// </summary>
    public static bool TryParse(string? amount, Currency currency, out Money money, out string? problem)
    {
        money = new Money(0, currency);
        problem = Problem(amount?.Trim(), currency, out var minor);
        if (problem is not null)
        {
            return false;
        }

        money = new Money(minor, currency);
        return true;
    }

    /// <summary>The amount with exactly the currency's minor digits and its code: "1234.50 USD", "12 JPY".</summary>
    public override string ToString() => $"{Format(Minor, Currency.MinorDigits)} {Currency.Code}";

    private static string? Problem(string? text, Currency currency, out long minor)
    {
        minor = 0;
        if (string.IsNullOrEmpty(text))
        {
            return "amount is empty";
        }

        var shown = text.Length <= 40 ? text : text[..40] + "…";
        var example = Format(123_450 * Pow10(currency.MinorDigits) / 100, currency.MinorDigits);
        if (text[0] == '-')
        {
            return $"revenue must be positive; '{shown}' is negative";
        }

        if (text.Any(char.IsWhiteSpace))
        {
            return $"'{shown}' contains whitespace; write the digits together, such as {example}";
        }

        if (text.IndexOfAny([',', '_', '\'']) >= 0)
        {
            return $"'{shown}' contains a separator; use no thousands separators and '.' for decimals, such as {example}";
        }

        if (text.TrimStart('+').ToUpperInvariant() is "NAN" or "INFINITY" or "INF" or "∞")
        {
            return $"'{shown}' is not a finite amount";
        }

        if (text.IndexOfAny(['e', 'E']) >= 0)
        {
            return $"'{shown}' uses an exponent; write plain digits, such as {example}";
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];

        // IsAsciiDigit, not IsDigit: other scripts' digits (Arabic-Indic, full-width) are not amounts here.
        if (whole.Length == 0 || (point >= 0 && fraction.Length == 0)
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return $"'{shown}' is not a plain decimal amount; write digits with at most {Decimals(currency.MinorDigits)} after a '.', such as {example}";
        }

        if (fraction.Length > currency.MinorDigits)
        {
            var has = currency.MinorDigits == 0 ? "has no minor unit" : $"has {Decimals(currency.MinorDigits)}";
            return $"{currency.Code} {has}; {shown} has {Decimals(fraction.Length)}";
        }

        // Accumulate whole digits, then the fraction padded to the currency's digits, refusing
        // before a step would pass long.MaxValue rather than relying on a checked overflow.
        foreach (var digit in (whole + fraction.PadRight(currency.MinorDigits, '0')).Select(c => c - '0'))
        {
            if (minor > (long.MaxValue - digit) / 10)
            {
                minor = 0;
                return $"'{shown}' is too large; at most {new Money(long.MaxValue, currency)}";
            }

            minor = (minor * 10) + digit;
        }

        return minor == 0 ? $"revenue must be positive; '{shown}' is zero" : null;
    }

    private static string Decimals(int count) => count == 1 ? "1 decimal" : $"{count} decimals";

    private static long Pow10(int digits)
    {
        var power = 1L;
        for (var i = 0; i < digits; i++)
        {
            power *= 10;
        }

        return power;
    }

    // Built from the minor units and a scale, never by division, so every digit is exact and the
    // text always shows exactly `digits` decimals (decimal keeps its scale when printed).
    private static string Format(long minor, int digits)
    {
        var magnitude = minor < 0 ? (ulong)-(minor + 1) + 1 : (ulong)minor;
        var value = new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, minor < 0, (byte)digits);
        return value.ToString(CultureInfo.InvariantCulture);
    }
}
