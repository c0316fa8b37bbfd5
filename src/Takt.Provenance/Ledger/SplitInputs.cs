using Takt.Domain.Ledger;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Provenance.Lineage;

namespace Takt.Provenance.Ledger;

/// <summary>
/// The inputs of a product's revenue split, read from the lineage index: per party its count
/// share (its assets among those the product used) and its attribution share. Parties are the
/// tenant's contributors (keyed by id), "retained" for sources with no contributor (an external
/// base model, an asset with no recorded rights holder), and "shared-pool" for what came through
/// the shared common pool, whose own ledger pays its contributors.
/// </summary>
internal static class SplitInputs
{
    public const string Retained = "retained";
    public const string SharedPool = "shared-pool";

    public static IReadOnlyList<SplitParty> For(LineageIndex index, int product, TenantId tenant, out IReadOnlyList<int> usedAssets)
    {
        bool Outside(int n) => index.TenantOf(n) != tenant;
        string KeyOf(int n) => Outside(n) ? SharedPool : index.KindOf(n) == LineageNodeKind.Contributor ? index.IdOf(n).ToString() : Retained;

        var attribution = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var share in index.Attribute(product, Outside))
        {
            var key = KeyOf(share.Node);
            attribution[key] = attribution.GetValueOrDefault(key) + (decimal)share.Share;
        }

        // Shares are computed in binary floating point; booked in decimal, the last digits are put
        // on the largest share (ties: first key) so the shares sum to exactly 1, the same way every time.
        var largest = attribution.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
        attribution[largest] += 1m - attribution.Values.Sum();

        var counts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var assets = index.Attribute(product, n => index.KindOf(n) == LineageNodeKind.Asset || Outside(n))
            .Where(s => !Outside(s.Node) && index.KindOf(s.Node) == LineageNodeKind.Asset).Select(s => s.Node).Order().ToList();
        foreach (var asset in assets)
        {
            var holders = index.ParentsOf(asset).ToArray();
            foreach (var holder in holders)
            {
                counts[index.IdOf(holder).ToString()] = counts.GetValueOrDefault(index.IdOf(holder).ToString()) + (1m / holders.Length);
            }

            if (holders.Length == 0)
            {
                counts[Retained] = counts.GetValueOrDefault(Retained) + 1m;
            }
        }

        usedAssets = assets;
        var counted = counts.Values.Sum();
        return [.. attribution.Keys.Union(counts.Keys).Order(StringComparer.Ordinal).Select(key => new SplitParty(
            key,
            counted == 0 ? 0m : counts.GetValueOrDefault(key) / counted,
            attribution.GetValueOrDefault(key)))];
    }
}
