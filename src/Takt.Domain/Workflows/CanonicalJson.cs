using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Takt.Domain.Workflows;

/// <summary>
/// One spelling per JSON value, so equal values hash equally: object members sorted by ordinal
/// name, numbers by their exact decimal value (1.0, 1 and 1e0 are all <c>1</c>), no whitespace.
/// </summary>
public static class CanonicalJson
{
    public static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in value.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(member.Name);
                    Write(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                WriteNumber(writer, value);
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    public static string Serialize(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>sha256 (lower-case hex) of the value's canonical form.</summary>
    public static string Hash(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    // Numbers are compared as exact decimals, read from their text: going through double would
    // give 1e20 and 100000000000000000000 different spellings (one via double, one via its
    // digits), make 1e400 throw, and merge distinct integers beyond 2^53.
    private static void WriteNumber(Utf8JsonWriter writer, JsonElement value) =>
        writer.WriteRawValue(Number(value.GetRawText()), skipInputValidation: true);

    /// <summary>
    /// The one spelling of a JSON number: its exact decimal value written the way ECMAScript writes
    /// numbers (plain digits for exponents up to 21 and down to -6, otherwise <c>d.ddde±n</c>).
    /// Linear in the length of the text: a hostile exponent of a million digits is only copied.
    /// </summary>
    private static string Number(string json)
    {
        // Most numbers are small integers, already in their one spelling (JSON has no leading zeros).
        if (json.Length <= 15 && json != "-0" && IsPlainInteger(json))
        {
            return json;
        }

        var text = json.AsSpan();
        var negative = text[0] == '-';
        text = text[(negative ? 1 : 0)..];
        var e = text.IndexOfAny('e', 'E');
        var mantissa = e < 0 ? text : text[..e];
        var point = mantissa.IndexOf('.');
        var digits = (point < 0 ? mantissa.ToString() : string.Concat(mantissa[..point], mantissa[(point + 1)..])).TrimStart('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        // value = 0.significant × 10^(exponent + shift)
        var significant = digits.TrimEnd('0');
        long shift = digits.Length - (point < 0 ? 0 : mantissa.Length - point - 1);
        var written = e < 0 ? [] : text[(e + 1)..];
        var exponentNegative = written.Length > 0 && written[0] == '-';
        var magnitude = written.TrimStart("+-").TrimStart('0');
        var sign = negative ? "-" : "";
        var fraction = significant.Length > 1 ? "." + significant[1..] : "";
        if (magnitude.Length > 18)
        {
            // An exponent of 10^18 or more dwarfs any shift a string can make: the form is always
            // d.ddde±x, and the power keeps the exponent's sign.
            var power = Shift(magnitude.ToString(), exponentNegative ? 1 - shift : shift - 1);
            return $"{sign}{significant[0]}{fraction}e{(exponentNegative ? "-" : "+")}{power}";
        }

        var exponent = magnitude.Length == 0 ? 0 : long.Parse(magnitude, NumberStyles.None, CultureInfo.InvariantCulture);
        var n = (exponentNegative ? -exponent : exponent) + shift;
        var k = significant.Length;
        if (n >= k && n <= 21)
        {
            return sign + significant + new string('0', (int)n - k);
        }

        if (n > 0 && n <= 21)
        {
            return $"{sign}{significant[..(int)n]}.{significant[(int)n..]}";
        }

        if (n > -6 && n <= 0)
        {
            return $"{sign}0.{new string('0', (int)-n)}{significant}";
        }

        return $"{sign}{significant[0]}{fraction}e{(n - 1 >= 0 ? "+" : "-")}{Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture)}";
    }

    private static bool IsPlainInteger(string json)
    {
        for (var i = json[0] == '-' ? 1 : 0; i < json.Length; i++)
        {
            if (!char.IsAsciiDigit(json[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A decimal magnitude of 19 or more digits plus a delta far smaller than it, as digits.</summary>
    private static string Shift(string magnitude, long delta)
    {
        const long Base = 1_000_000_000_000_000_000;
        var high = magnitude[..^18].ToCharArray();
        var low = long.Parse(magnitude.AsSpan(magnitude.Length - 18), NumberStyles.None, CultureInfo.InvariantCulture) + delta;
        var carry = low >= Base ? 1 : low < 0 ? -1 : 0;
        low -= carry * Base;
        for (var i = high.Length - 1; carry != 0 && i >= 0; i--)
        {
            var digit = high[i] - '0' + carry;
            carry = digit > 9 ? 1 : digit < 0 ? -1 : 0;
            high[i] = (char)('0' + digit - (carry * 10));
        }

        return ((carry > 0 ? "1" : "") + new string(high) + low.ToString("D18", CultureInfo.InvariantCulture)).TrimStart('0');
    }
}
