using System.Globalization;
using System.Text.Json;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// Strict readers for ComfyUI's responses. A field of the wrong shape becomes a
/// <see cref="BackendException"/> that names the route and the field, never a
/// KeyNotFoundException or InvalidOperationException deep inside System.Text.Json.
/// A shape mismatch is permanent: retrying will not change what the server speaks.
/// </summary>
internal static class ComfyUiJson
{
    public static JsonElement Parse(string text, string route)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new BackendException($"ComfyUI {route} returned invalid JSON: {e.Message}", transient: false, e);
        }
    }

    public static JsonElement Object(JsonElement element, string field, string route) =>
        element.ValueKind == JsonValueKind.Object ? element : throw Wrong(route, field, "an object", element);

    public static JsonElement Array(JsonElement element, string field, string route) =>
        element.ValueKind == JsonValueKind.Array ? element : throw Wrong(route, field, "a list", element);

    public static JsonElement Required(JsonElement parent, string name, string field, string route)
    {
        Object(parent, ParentOf(field), route);
        return parent.TryGetProperty(name, out var value) ? value : throw new BackendException($"ComfyUI {route} returned an unexpected shape: field '{field}' is missing", transient: false);
    }

    public static JsonElement? Optional(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string String(JsonElement element, string field, string route) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Wrong(route, field, "a string", element);

    public static string? OptionalString(JsonElement parent, string name, string field, string route) =>
        Optional(parent, name) is { } value ? String(value, field, route) : null;

    public static double Number(JsonElement element, string field, string route) =>
        element.ValueKind == JsonValueKind.Number ? element.GetDouble() : throw Wrong(route, field, "a number", element);

    public static bool Boolean(JsonElement element, string field, string route) =>
        element.ValueKind is JsonValueKind.True or JsonValueKind.False ? element.GetBoolean() : throw Wrong(route, field, "true or false", element);

    /// <summary>A node id: ComfyUI writes string ids, but a hand-made prompt may carry numbers.</summary>
    public static string? NodeId(JsonElement? element, string field, string route) => element switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        { } e => throw Wrong(route, field, "a node id", e),
    };

    /// <summary>Text for a log or error message; long values are cut so a huge traceback cannot flood a log.</summary>
    public static string Excerpt(string text, int max = 500) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => string.Create(CultureInfo.InvariantCulture, $"the number {element.GetRawText()}"),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    private static string ParentOf(string field)
    {
        var dot = field.LastIndexOf('.');
        return dot < 0 ? "(root)" : field[..dot];
    }

    private static BackendException Wrong(string route, string field, string expected, JsonElement actual) =>
        new($"ComfyUI {route} returned an unexpected shape: field '{field}' should be {expected} but is {Describe(actual)}", transient: false);
}
