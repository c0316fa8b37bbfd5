using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Takt.Archive.Blobs;
using Takt.Archive.Datasets.Layouts;
using Takt.Domain.Consent;
using Takt.Domain.Datasets;

namespace Takt.Archive.Datasets;

public sealed partial class DatasetBuilder
{
    private async Task<DatasetBuild> WriteAsync(
        DatasetRecipe recipe, List<PlannedSample> samples, List<ManifestExclusion> exclusions, IReadOnlyDictionary<string, string> tools,
        DateTimeOffset at, int derived, int reused, IProgress<DatasetProgress>? progress, CancellationToken cancellationToken)
    {
        if (samples.Count == 0)
        {
            var reasons = exclusions.SelectMany(e => e.Reasons).GroupBy(r => r.Code).OrderByDescending(g => g.Count())
                .Select(g => $"{g.Count()}× {g.Key}");
            throw new DatasetRecipeException($"every selected image was excluded ({string.Join(", ", reasons)}): a dataset needs at least one sample; see 'takt consent explain' for an asset");
        }

        var datasets = Path.Combine(workspaceRoot, DatasetsFolder);
        var staging = Path.Combine(datasets, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            progress?.Report(new DatasetProgress("write", 0, samples.Count, recipe.Name));
            var layout = samples.Select(s => new LayoutSample
            {
                Stem = s.Stem,
                Asset = s.Candidate.Asset.Id,
                Caption = s.Caption,
                MediaFile = blobs.PathOf(_outputs[s.Media.Key]),
                ConditioningFile = s.Conditioning is { } c ? blobs.PathOf(_outputs[c.Key]) : null,
                MaskFile = s.Mask is { } m ? blobs.PathOf(_outputs[m.Key]) : null,
                Bucket = s.Bucket,
                Frames = s.Frames?.Count,
            }).OrderBy(s => s.Stem, StringComparer.Ordinal).ToList();
            var entries = await DatasetLayouts.WriteAsync(recipe, layout, staging, cancellationToken);

            var manifest = Manifest(recipe, samples, exclusions, tools, entries);
            var bytes = manifest.ToCanonicalBytes();
            var versionId = Convert.ToHexStringLower(SHA256.HashData(bytes));
            await File.WriteAllBytesAsync(Path.Combine(staging, ManifestFileName), bytes, cancellationToken);
            using var manifestStream = new MemoryStream(bytes, writable: false);
            var manifestBlob = await blobs.PutAsync(manifestStream, cancellationToken);

            var relative = $"{DatasetsFolder}/{recipe.Name}/{versionId[..16]}";
            var folder = Path.Combine(workspaceRoot, DatasetsFolder, recipe.Name, versionId[..16]);
            var isNew = !Directory.Exists(folder);
            if (isNew)
            {
                // Durable before visible: a crash leaves either no folder or a complete one.
                SyncTree(staging);
                Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
                Directory.Move(staging, folder);
                DirectorySync.Flush(Path.GetDirectoryName(folder)!);
            }
            else if (!File.Exists(Path.Combine(folder, ManifestFileName)) || !(await File.ReadAllBytesAsync(Path.Combine(folder, ManifestFileName), cancellationToken)).AsSpan().SequenceEqual(bytes))
            {
                throw new DatasetRecipeException($"{relative} exists but does not hold version {versionId[..16]}: it was changed by hand; move it away and build again");
            }

            progress?.Report(new DatasetProgress("write", samples.Count, samples.Count, recipe.Name));
            var members = samples
                .SelectMany(s => (s.Frames ?? [s.Candidate]).Concat(s.Partner is null ? [] : [s.Partner]))
                .GroupBy(c => c.Asset.Id).Select(g => (g.Key, g.Count())).OrderBy(m => m.Key).ToList();
            return new DatasetBuild
            {
                Manifest = manifest,
                VersionId = versionId,
                ManifestSha256 = manifestBlob.Hash.Hex,
                Folder = folder,
                RelativeFolder = relative,
                IsNew = isNew,
                Derived = derived,
                Reused = reused,
                Members = members,
                DecidedAt = at,
            };
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static DatasetManifest Manifest(
        DatasetRecipe recipe, List<PlannedSample> samples, List<ManifestExclusion> exclusions, IReadOnlyDictionary<string, string> tools, IReadOnlyList<LayoutEntry> entries)
    {
        var byStem = samples.ToDictionary(s => s.Stem, StringComparer.Ordinal);
        var rows = new List<ManifestSample>();
        var files = new List<ManifestFile>();
        foreach (var entry in entries)
        {
            if (entry.Stem is null || entry.Kind is not (LayoutEntryKind.Media or LayoutEntryKind.Conditioning or LayoutEntryKind.Mask))
            {
                files.Add(new ManifestFile(entry.Path, entry.Sha256, entry.Bytes));
                continue;
            }

            var sample = byStem[entry.Stem];
            var (source, output) = entry.Kind switch
            {
                LayoutEntryKind.Conditioning => (sample.Partner!, sample.Conditioning!),
                LayoutEntryKind.Mask => (sample.Candidate, sample.Mask!),
                _ => (sample.Candidate, sample.Media),
            };
            rows.Add(new ManifestSample
            {
                Path = entry.Path,
                Sha256 = entry.Sha256,
                Role = entry.Kind switch { LayoutEntryKind.Conditioning => "conditioning", LayoutEntryKind.Mask => "mask", _ => sample.Frames is null ? "image" : "clip" },
                Asset = source.Asset.Id,
                SourceSha256 = sample.Frames is { } frames && entry.Kind == LayoutEntryKind.Media ? SequenceHash(frames) : source.Asset.Sha256,
                Bucket = sample.Bucket.ToString(),
                CaptionSha256 = entry.Kind == LayoutEntryKind.Media ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sample.Caption))) : null,
                Decision = sample.Frames is { } f ? Decisions(f) : source.DecisionText,
                DerivationKey = output.Key,
                Frames = entry.Kind == LayoutEntryKind.Media ? sample.Frames?.Select(c => c.Asset.Id).ToArray() : null,
            });
        }

        return new DatasetManifest
        {
            Name = recipe.Name,
            Format = DatasetFormats.Name(recipe.Target.Format),
            Recipe = JsonSerializer.Deserialize<JsonElement>(recipe.ToCanonicalJson()),
            Tools = tools,
            ConsentFilterVersion = ConsentPolicy.Version,
            Samples = rows,
            Exclusions = exclusions,
            Files = files,
        }.Canonical();
    }

    /// <summary>A clip's source identity: the hash of its frames' hashes, in order.</summary>
    public static string SequenceHash(IEnumerable<DatasetCandidate> frames) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join('\n', frames.Select(f => f.Asset.Sha256)))));

    private static string Decisions(IReadOnlyList<DatasetCandidate> frames)
    {
        var conditions = frames.SelectMany(f => f.Decision.Conditions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return conditions.Count == 0 ? "allowed" : $"allowed: {string.Join("; ", conditions)}";
    }

    private static void SyncTree(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
            stream.Flush(flushToDisk: true);
        }

        foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Append(root))
        {
            DirectorySync.Flush(directory);
        }
    }
}
