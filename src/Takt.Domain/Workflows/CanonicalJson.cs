using System.Globalization;
using System.Numerics;
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
    /// </summary>
    private static string Number(string json)
    {
        var text = json.AsSpan();
        var negative = text[0] == '-';
        text = text[(negative ? 1 : 0)..];
        var e = text.IndexOfAny('e', 'E');
        var exponent = e < 0 ? BigInteger.Zero : BigInteger.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa.ToString() : string.Concat(mantissa[..point], mantissa[(point + 1)..]);
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
        }

        digits = digits.TrimStart('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        var significant = digits.TrimEnd('0');
        exponent += digits.Length - significant.Length;

        // value = 0.significant × 10^n
        var n = exponent + significant.Length;
        var k = significant.Length;
        var sign = negative ? "-" : "";
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

        var power = n - 1;
        var fraction = k > 1 ? "." + significant[1..] : "";
        return $"{sign}{significant[0]}{fraction}e{(power.Sign >= 0 ? "+" : "-")}{BigInteger.Abs(power).ToString(CultureInfo.InvariantCulture)}";
    }
}
