using System.Security.Cryptography;
using System.Text;

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
        var text = new StringBuilder()
            .Append("takt-derivation/1\n")
            .Append("source ").Append(sourceSha256).Append('\n')
            .Append("transform ").Append(transformJson).Append('\n');
        foreach (var (tool, version) in toolVersions.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append("tool ").Append(tool).Append(' ').Append(version).Append('\n');
        }

        text.Append("consent-filter ").Append(consentFilterVersion).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
