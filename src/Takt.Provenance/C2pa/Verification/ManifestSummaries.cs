using System.Text.Json.Nodes;
using Takt.Provenance.C2pa.Reading;

namespace Takt.Provenance.C2pa.Verification;

/// <summary>Builds the per-manifest summary of a report from the claim and a few assertions, tolerating anything malformed.</summary>
internal static class ManifestSummaries
{
    private static readonly string[] TrainingMiningLabels = ["cawg.training-mining", "c2pa.training-mining"];
    private const string LineageLabel = "org.takt.lineage";

    public static C2paManifestSummary Read(ManifestStore store, ManifestBox manifest, C2paSignatureInfo? signature)
    {
        var claim = ParsedClaim.Read(store, manifest, new StatusLog());
        var labels = manifest.AssertionStore?.Superboxes.Select(b => b.Label ?? "").Where(l => l.Length > 0).ToList() ?? [];
        if (claim is null)
        {
            return new C2paManifestSummary { Label = manifest.Label, AssertionLabels = labels, Signature = signature };
        }

        var (generator, generatorVersion) = Generator(claim);
        return new C2paManifestSummary
        {
            Label = manifest.Label,
            ClaimVersion = claim.Version,
            Title = claim.Map.Text("dc:title"),
            Format = claim.Map.Text("dc:format"),
            InstanceId = claim.Map.Text("instanceID"),
            ClaimGeneratorName = generator,
            ClaimGeneratorVersion = generatorVersion,
            Signature = signature,
            AssertionLabels = labels,
            Ingredients = Ingredients(store, manifest, labels),
            TrainingMining = TrainingMining(store, manifest, labels),
            Lineage = manifest.Assertion(LineageLabel) is { } lineage ? AssertionContent.Json(store, lineage) : null,
        };
    }

    private static (string? Name, string? Version) Generator(ParsedClaim claim)
    {
        var info = claim.Map.GetValueOrDefault("claim_generator_info") switch
        {
            Dictionary<string, object?> map => map,
            List<object?> list => list.OfType<Dictionary<string, object?>>().FirstOrDefault(),
            _ => null,
        };
        return info is not null ? (info.Text("name"), info.Text("version")) : (claim.Map.Text("claim_generator"), null);
    }

    private static List<C2paIngredientSummary> Ingredients(ManifestStore store, ManifestBox manifest, List<string> labels)
    {
        var result = new List<C2paIngredientSummary>();
        foreach (var label in labels.Where(l => JumbfUri.BaseLabel(l).StartsWith("c2pa.ingredient", StringComparison.Ordinal)))
        {
            if (AssertionContent.Tree(store, manifest.Assertion(label)!) is not Dictionary<string, object?> map)
            {
                continue;
            }

            var reference = HashedUri.From(map.GetValueOrDefault("activeManifest")) ?? HashedUri.From(map.GetValueOrDefault("c2pa_manifest"));
            result.Add(new C2paIngredientSummary(label, map.Text("dc:title"), map.Text("dc:format"), map.Text("relationship"), reference is null ? null : JumbfUri.ManifestOf(reference.Url), map.Text("description")));
        }

        return result;
    }

    private static Dictionary<string, string>? TrainingMining(ManifestStore store, ManifestBox manifest, List<string> labels)
    {
        Dictionary<string, string>? uses = null;
        foreach (var label in labels.Where(l => TrainingMiningLabels.Contains(JumbfUri.BaseLabel(l))))
        {
            if (AssertionContent.Json(store, manifest.Assertion(label)!)?["entries"] is not JsonObject entries)
            {
                continue;
            }

            uses ??= new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in entries)
            {
                if (value is JsonObject entry && entry["use"] is JsonValue use && use.TryGetValue<string>(out var text))
                {
                    uses[key] = text;
                }
            }
        }

        return uses;
    }
}
