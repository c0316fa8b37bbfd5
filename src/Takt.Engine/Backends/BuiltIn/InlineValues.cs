using System.Security.Cryptography;
using System.Text.Json;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.BuiltIn;

/// <summary>
/// Port values that travel inline (text, number, curve, JSON, image sequences). Their
/// <see cref="PortValue.ContentHash"/> is the sha256 of their <see cref="CanonicalJson"/> form,
/// the same spelling cache keys use, so equal values hash alike whoever built them.
/// </summary>
public static class InlineValues
{
    public static PortValue Text(string text) => Json(PortType.Text, JsonSerializer.SerializeToElement(text));

    public static PortValue Number(double value) =>
        double.IsFinite(value)
            ? Json(PortType.Number, JsonSerializer.SerializeToElement(value))
            : throw new ArgumentOutOfRangeException(nameof(value), value, "a number on a port must be finite");

    public static PortValue Json(JsonElement value) => Json(PortType.Json, value);

    /// <summary>A value whose bytes a writer of its own made (a curve, a sequence): canonicalised again, so any spelling hashes alike.</summary>
    public static PortValue FromCanonical(PortType type, byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return Json(type, document.RootElement);
    }

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The canonical bytes of any JSON value.</summary>
    public static byte[] Canonical(JsonElement value) => System.Text.Encoding.UTF8.GetBytes(CanonicalJson.Serialize(value));

    private static PortValue Json(PortType type, JsonElement value)
    {
        var canonical = Canonical(value);
        using var document = JsonDocument.Parse(canonical);
        return new PortValue(type, Hash(canonical), Inline: document.RootElement.Clone());
    }
}
