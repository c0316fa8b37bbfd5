using System.Text.Json.Nodes;

namespace Takt.Provenance.C2pa.Reading;

/// <summary>Turns a decoded CBOR tree into JSON for reports; byte strings become base64.</summary>
internal static class CborJson
{
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        double d => double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        bool b => JsonValue.Create(b),
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
        List<object?> list => new JsonArray([.. list.Select(ToJson)]),
        Dictionary<string, object?> map => ToObject(map),
        _ => JsonValue.Create(value.ToString()),
    };

    private static JsonObject ToObject(Dictionary<string, object?> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map)
        {
            o[k] = ToJson(v);
        }

        return o;
    }
}
