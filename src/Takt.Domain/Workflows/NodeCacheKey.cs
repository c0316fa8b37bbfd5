using System.Security.Cryptography;
using System.Text.Json;

namespace Takt.Domain.Workflows;

/// <summary>
/// The identity of a node's result: hash(node type + version, canonical parameters, the content
/// hashes of its inputs). Node ids are deliberately left out (ComfyUI's id-sensitive object cache
/// is a known source of misses), so the same work in another workflow or run is reused.
/// </summary>
public static class NodeCacheKey
{
    public static string Compute(NodeType type, IReadOnlyDictionary<string, JsonElement> parameters, IReadOnlyDictionary<string, string> inputHashes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("node", type.Name);
            json.WriteNumber("version", type.Version);
            json.WriteStartObject("params");
            foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName(name);
                CanonicalJson.Write(json, value);
            }

            json.WriteEndObject();
            json.WriteStartObject("inputs");
            foreach (var (port, hash) in inputHashes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteString(port, hash);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }
}
