using Takt.Archive.Blobs;
using Takt.Archive.Datasets.Images;
using Takt.Domain.Archive;
using Takt.Domain.Consent;
using Takt.Domain.Datasets;
using Takt.Persistence;

namespace Takt.Archive.Datasets;

/// <summary>
/// Builds a dataset version from a recipe: select, decide consent, plan each sample's bucket and
/// outputs, derive what no earlier build derived (by derivation key), lay the files out in the
/// trainer's format in a staging folder, and move it into place only when complete. The same
/// recipe over the same archive gives the same bytes and the same version id.
/// </summary>
public sealed partial class DatasetBuilder(TaktContextFactory contexts, LocalBlobStore blobs, string workspaceRoot, TimeProvider time)
{
    private readonly Video.ClipEncoder _clips = new();

    public const string ManifestFileName = "takt-manifest.json";
    public const string DatasetsFolder = "datasets";

    /// <param name="captionFile">The caption file resolved to a path (recipes name it relative to themselves).</param>
    public async Task<DatasetBuild> BuildAsync(DatasetRecipe recipe, string? captionFile, IProgress<DatasetProgress>? progress, CancellationToken cancellationToken)
    {
        TargetSpecs.Check(recipe.Target);
        var at = time.GetUtcNow();
        await using var db = contexts.Create();
        var scope = await DatasetSelector.ScopeAsync(db, recipe, cancellationToken);
        var partnerKinds = recipe.Target.Conditioning is { } kind ? new[] { kind } : [];
        progress?.Report(new DatasetProgress("select", 0, 1, recipe.Name));
        var candidates = await DatasetSelector.SelectAsync(db, recipe, scope, at, partnerKinds, cancellationToken);
        if (candidates.Count == 0)
        {
            throw new DatasetRecipeException(
                $"the recipe selects nothing: no image of {(recipe.IsSharedPool ? "any tenant" : $"tenant '{recipe.Tenant}'")} matches its selection (projects, scenes, cuts, layerKinds, tags)");
        }

        var captions = await DatasetCaptions.LoadAsync(db, blobs, recipe, captionFile, candidates, cancellationToken);
        var tools = await ToolVersionsAsync(recipe.Target, cancellationToken);
        var exclusions = new List<ManifestExclusion>();
        var samples = recipe.Target.Format == DatasetFormat.VideoClips
            ? PlanClips(recipe, candidates, captions, tools, exclusions)
            : PlanImages(recipe, candidates, captions, tools, exclusions);

        var (derived, reused, failed) = await DeriveAsync(db, samples, progress, cancellationToken);
        foreach (var sample in samples.Where(s => s.Outputs.Any(o => failed.ContainsKey(o.Key))))
        {
            var problem = sample.Outputs.Select(o => failed.GetValueOrDefault(o.Key)).OfType<string>().First();
            exclusions.Add(Excluded(sample.Candidate, "unreadable", problem));
        }

        var kept = samples.Where(s => !s.Outputs.Any(o => failed.ContainsKey(o.Key))).ToList();
        return await WriteAsync(recipe, kept, exclusions, tools, at, derived, reused, progress, cancellationToken);
    }

    /// <summary>Tool versions that decide output bytes, plus the layout's own version.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ToolVersionsAsync(TargetSpec target, CancellationToken cancellationToken)
    {
        var tools = new SortedDictionary<string, string>(DatasetImages.ToolVersions.ToDictionary(), StringComparer.Ordinal)
        {
            ["takt-datasets"] = "1",
        };
        if (target.Format == DatasetFormat.VideoClips)
        {
            foreach (var (tool, version) in await _clips.ToolVersionsAsync(cancellationToken))
            {
                tools[tool] = version;
            }
        }

        return tools;
    }

    private static List<PlannedSample> PlanImages(
        DatasetRecipe recipe, IReadOnlyList<DatasetCandidate> candidates, DatasetCaptions captions, IReadOnlyDictionary<string, string> tools, List<ManifestExclusion> exclusions)
    {
        var target = recipe.Target;
        var buckets = AspectBuckets.For(target);
        var partners = target.Conditioning is { } kind ? candidates.Where(c => c.Asset.LayerKind == kind).ToList() : [];
        var samples = new List<PlannedSample>();
        foreach (var candidate in candidates)
        {
            var asset = candidate.Asset;
            if (target.Conditioning is { } conditioningKind && asset.LayerKind == conditioningKind && !recipe.Selection.LayerKinds.Contains(conditioningKind))
            {
                continue; // a conditioning image, used as a partner below
            }

            if (!candidate.Decision.IsAllowed)
            {
                exclusions.Add(new ManifestExclusion(asset.Id, asset.OriginalPath, asset.Sha256, candidate.DenialReasons));
                continue;
            }

            if (asset.Width is not > 0 || asset.Height is not > 0)
            {
                exclusions.Add(Excluded(candidate, "unreadable", "the archive has no pixel size for it (it was not decodable when ingested)"));
                continue;
            }

            var size = new PixelSize(asset.Width.Value, asset.Height.Value);
            var crop = buckets.Plan(size);
            var media = Output(asset, ImageTransform.For(target, crop, ImageRole.Image), tools);
            var sample = new PlannedSample(DatasetStems.For(asset.Name, asset.Id), candidate, captions.For(candidate, target.Captions), crop.Bucket, media);
            if (target.Masks)
            {
                sample = sample with { Mask = Output(asset, ImageTransform.For(target, crop, ImageRole.Mask), tools) };
            }

            if (target.Conditioning is not null)
            {
                var partner = Partner(candidate, partners);
                if (partner is null)
                {
                    exclusions.Add(Excluded(candidate, "no-conditioning", $"no '{target.Conditioning}' layer beside it (same layered file, or same cut and name) to pair as its conditioning image"));
                    continue;
                }

                if (!partner.Decision.IsAllowed)
                {
                    exclusions.Add(new ManifestExclusion(asset.Id, asset.OriginalPath, asset.Sha256,
                        [.. partner.DenialReasons.Select(r => r with { Code = $"conditioning-{r.Code}", Text = $"its conditioning image {partner.Asset.OriginalPath}: {r.Text}" })]));
                    continue;
                }

                var partnerSize = new PixelSize(partner.Asset.Width ?? size.Width, partner.Asset.Height ?? size.Height);
                var partnerCrop = CropPlan.Cover(partnerSize, crop.Bucket);
                sample = sample with { Partner = partner, Conditioning = Output(partner.Asset, ImageTransform.For(target, partnerCrop, ImageRole.Conditioning), tools) };
            }

            samples.Add(sample);
        }

        return samples;
    }

    /// <summary>
    /// The conditioning layer in the same layered file; else, in the same cut, the one whose name
    /// matches once layer-kind words are dropped ("key_01_lineart" pairs "key_01_colour"); else the
    /// cut's only one.
    /// </summary>
    private static DatasetCandidate? Partner(DatasetCandidate candidate, List<DatasetCandidate> partners)
    {
        var asset = candidate.Asset;
        if (asset.ContainerId is { } container)
        {
            return partners.FirstOrDefault(p => p.Asset.ContainerId == container);
        }

        var inCut = partners.Where(p => p.Asset.CutId == asset.CutId && p.Asset.ContainerId is null && p.Asset.Id != asset.Id).ToList();
        var key = PairingKey(asset.Name);
        return inCut.FirstOrDefault(p => string.Equals(PairingKey(p.Asset.Name), key, StringComparison.Ordinal))
            ?? (inCut.Count == 1 && asset.CutId is not null ? inCut[0] : null);
    }

    private static string PairingKey(string name) =>
        string.Join('-', Path.GetFileNameWithoutExtension(name).ToLowerInvariant()
            .Split(['_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Where(token => !LayerKinds.TryParse(token, out _)));

    private static PlannedOutput Output(Persistence.Archive.AssetRow source, ImageTransform transform, IReadOnlyDictionary<string, string> tools) =>
        new(source, transform, DerivationKey.Compute(source.Sha256, transform.ToCanonicalJson(), tools, ConsentPolicy.Version));

    private static ManifestExclusion Excluded(DatasetCandidate candidate, string code, string text) =>
        new(candidate.Asset.Id, candidate.Asset.OriginalPath, candidate.Asset.Sha256, [new ManifestReason(code, text)]);
}
