using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Takt.Domain.Lineage;
using Takt.Provenance.Lineage;

namespace Takt.Provenance.C2pa.Outputs;

/// <summary>
/// The attribution of one lineage node written canonically: every source (contributor, external
/// model) with its share, sorted by id, shares in round-trip form. A node's parents never change
/// after it is recorded (ADR 0003), so anyone holding the graph can rebuild the same bytes and
/// check the hash a signed file carries; a payout for the file is tied to exactly these shares.
/// </summary>
public static class AttributionSnapshot
{
    public const string Scheme = "takt.attribution.v1";

    public static string Write(LineageIndex index, int node)
    {
        var shares = index.Attribute(node)
            .Select(s => (Id: index.IdOf(s.Node).Value, s.Share))
            .OrderBy(s => s.Id)
            .ToList();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("scheme", Scheme);
            json.WriteString("node", index.IdOf(node).Value.ToString("D"));
            json.WriteStartArray("shares");
            foreach (var (id, share) in shares)
            {
                json.WriteStartObject();
                json.WriteString("source", id.ToString("D"));
                json.WriteString("share", share.ToString("R", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Hash(string snapshot) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)));

    /// <summary>The snapshot hash of a node, or null when the graph does not hold it.</summary>
    public static string? HashOf(LineageIndex index, LineageNodeId id) =>
        index.TryFind(id, out var node) ? Hash(Write(index, node)) : null;
}
