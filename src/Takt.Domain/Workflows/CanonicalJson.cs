using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Takt.Domain.Workflows;

/// <summary>
/// One spelling per JSON value, so equal values hash equally: object members sorted by ordinal
/// name, numbers written as the shortest form that round-trips (1.0, 1 and 1e0 are all <c>1</c>),
/// no whitespace.
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

    private static void WriteNumber(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.TryGetInt64(out var whole))
        {
            writer.WriteNumberValue(whole);
            return;
        }

        var number = value.GetDouble();
        if (double.IsFinite(number) && Math.Abs(number) < 9.007199254740992e15 && number == Math.Floor(number))
        {
            writer.WriteNumberValue((long)number);
            return;
        }

        // Integers beyond the long range keep their exact digits; anything else is a double.
        var raw = value.GetRawText();
        if (!raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.OrdinalIgnoreCase) && decimal.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            writer.WriteRawValue(raw.TrimStart('+'));
            return;
        }

        writer.WriteNumberValue(number);
    }
}
