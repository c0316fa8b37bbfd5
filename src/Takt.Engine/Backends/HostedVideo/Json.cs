using System.Globalization;
using System.Text.Json;

namespace Takt.Engine.Backends.HostedVideo;

/// <summary>
/// Reads fields from provider replies; a missing or mistyped field is a clear error naming the
/// field, transient because a provider answering in the wrong shape is a provider-side fault.
/// </summary>
internal static class Json
{
    public static string String(JsonElement element, string provider, string path)
    {
        var value = Find(element, path);
        return value is { ValueKind: JsonValueKind.String } s && s.GetString() is { Length: > 0 } text
            ? text
            : throw Malformed(provider, path, "a non-empty string");
    }

    public static string? OptionalString(JsonElement element, string path) =>
        Find(element, path) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    public static double? OptionalNumber(JsonElement element, string path) => Find(element, path) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static JsonElement? Find(JsonElement element, string path)
    {
        var current = element;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, CultureInfo.InvariantCulture, out var index))
            {
                if (index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
            }
            else if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    public static BackendException Malformed(string provider, string path, string expected) =>
        new($"{provider}: the reply is malformed: '{path}' should be {expected}", transient: true);
}
