using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Takt.Domain.Ledger;

namespace Takt.Provenance.Ledger;

/// <summary>
/// The canonical record of a split's inputs: fixed key order, invariant decimals as strings, no
/// whitespace, no clock. Its SHA-256 names the snapshot; anyone holding it can rerun the split.
/// </summary>
internal static class LedgerSnapshot
{
    public static string Write(Guid product, Guid tenant, Money amount, string period, RevenueSplitRule rule, IReadOnlyList<SplitParty> parties)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("formula", RevenueSplitRule.Formula);
            json.WriteNumber("rule", rule.Version);
            json.WriteString("lambda", rule.Lambda.ToString(CultureInfo.InvariantCulture));
            json.WriteString("tenant", tenant.ToString("D"));
            json.WriteString("product", product.ToString("D"));
            json.WriteNumber("amountMinor", amount.Minor);
            json.WriteString("currency", amount.Currency.Code);
            json.WriteString("period", period);
            json.WriteStartArray("parties");
            foreach (var party in parties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("key", party.Key);
                json.WriteString("countShare", party.CountShare.ToString(CultureInfo.InvariantCulture));
                json.WriteString("attributionShare", party.AttributionShare.ToString(CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
}
