using System.Security.Cryptography;
using System.Text.Json;

namespace Takt.Domain.Datasets;

/// <summary>
/// The identity of one derived output, in the style of DVC's run cache: what it came from, what was
/// done to it, with which tools, under which consent filter. Equal keys mean equal bytes, so a
/// rebuild reuses them and a changed spec re-derives only what it changes.
/// </summary>
public static class DerivationKey
{
    public static string Compute(string sourceSha256, string transformJson, IReadOnlyDictionary<string, string> toolVersions, int consentFilterVersion)
    {
        // Every part is a JSON string or number, so no part can run into the next: plain lines
        // made tool "a b" version "c" the same key as tool "a" version "b c".
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("derivation", "takt/1");
            json.WriteString("source", sourceSha256);
            json.WriteString("transform", transformJson);
            json.WriteStartObject("tools");
            foreach (var (tool, version) in toolVersions.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                json.WriteString(tool, version);
            }

            json.WriteEndObject();
            json.WriteNumber("consentFilter", consentFilterVersion);
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }
}
