using System.Text;
using System.Text.Json;
using Takt.Domain.Workflows;

namespace Takt.Engine.Runs;

/// <summary>A node's outputs as stored in checkpoints and the result cache: <c>{"port": {"type", "hash", "blob", "mediaType", "inline", "lineage"}}</c>.</summary>
public static class PortValueJson
{
    public static string Write(IReadOnlyDictionary<string, PortValue> outputs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (port, value) in outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(port);
                json.WriteString("type", PortTypes.Name(value.Type));
                json.WriteString("hash", value.ContentHash);
                if (value.BlobHash is { } blob)
                {
                    json.WriteString("blob", blob);
                }

                if (value.MediaType is { } media)
                {
                    json.WriteString("mediaType", media);
                }

                if (value.Inline is { } inline)
                {
                    json.WritePropertyName("inline");
                    CanonicalJson.Write(json, inline);
                }

                if (value.Lineage is { } lineage)
                {
                    json.WriteString("lineage", lineage);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyDictionary<string, PortValue> Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        var outputs = new SortedDictionary<string, PortValue>(StringComparer.Ordinal);
        foreach (var port in document.RootElement.EnumerateObject())
        {
            var v = port.Value;
            if (!PortTypes.TryParse(v.GetProperty("type").GetString(), out var type))
            {
                throw new InvalidDataException($"stored output '{port.Name}' has an unknown port type");
            }

            outputs[port.Name] = new PortValue(
                type,
                v.GetProperty("hash").GetString()!,
                v.TryGetProperty("blob", out var blob) ? blob.GetString() : null,
                v.TryGetProperty("mediaType", out var media) ? media.GetString() : null,
                v.TryGetProperty("inline", out var inline) ? inline.Clone() : null,
                v.TryGetProperty("lineage", out var lineage) ? lineage.GetGuid() : null);
        }

        return outputs;
    }
}
