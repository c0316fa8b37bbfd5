using System.Security.Cryptography;
using System.Text.Json;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.BuiltIn;

/// <summary>
/// Port values that travel inline (text, number, curve, JSON, image sequences). Their
/// <see cref="PortValue.ContentHash"/> is the sha256 of their canonical JSON: no whitespace,
/// object members in ordinal order, numbers as written (doubles in their shortest round-trip
/// form), so equal values hash alike whoever built them.
/// </summary>
public static class InlineValues
{
    public static PortValue Text(string text) => FromCanonical(PortType.Text, JsonSerializer.SerializeToUtf8Bytes(text));

    public static PortValue Number(double value) =>
        double.IsFinite(value)
            ? FromCanonical(PortType.Number, JsonSerializer.SerializeToUtf8Bytes(value))
            : throw new ArgumentOutOfRangeException(nameof(value), value, "a number on a port must be finite");

    public static PortValue Json(JsonElement value) => FromCanonical(PortType.Json, Canonical(value));

    /// <summary>A value whose bytes are already canonical (a curve's or a sequence's own writer).</summary>
    public static PortValue FromCanonical(PortType type, byte[] canonicalJson)
    {
        using var document = JsonDocument.Parse(canonicalJson);
        return new PortValue(type, Hash(canonicalJson), Inline: document.RootElement.Clone());
    }

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The canonical bytes of any JSON value.</summary>
    public static byte[] Canonical(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
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
            case JsonValueKind.String:
                writer.WriteStringValue(value.GetString());
                break;
            default:
                // Numbers keep their written form; true, false and null have one.
                writer.WriteRawValue(value.GetRawText(), skipInputValidation: true);
                break;
        }
    }
}
