using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Blobs;
using Takt.Domain.Datasets;
using Takt.Persistence;
using Takt.Persistence.Archive;

namespace Takt.Archive.Datasets;

/// <summary>
/// Captions by the target's source. A caption is one line of at most <see cref="MaxLength"/>
/// characters and never empty: where the chosen source has nothing for an image, the archive's own
/// metadata (concept, layer kind, tags) stands in — kohya fails on an empty caption file.
/// </summary>
public sealed class DatasetCaptions
{
    public const int MaxLength = 2000;

    private readonly string _concept;
    private readonly IReadOnlyDictionary<string, string> _fromFile;
    private readonly ILookup<Guid, (string Stem, string Text)> _textsByCut;

    private DatasetCaptions(string concept, IReadOnlyDictionary<string, string> fromFile, ILookup<Guid, (string Stem, string Text)> textsByCut)
    {
        _concept = concept;
        _fromFile = fromFile;
        _textsByCut = textsByCut;
    }

    public static async Task<DatasetCaptions> LoadAsync(
        TaktDbContext db, LocalBlobStore blobs, DatasetRecipe recipe, string? captionFile, IReadOnlyCollection<DatasetCandidate> candidates, CancellationToken cancellationToken)
    {
        var fromFile = new Dictionary<string, string>(StringComparer.Ordinal);
        if (recipe.Target.Captions == CaptionSource.CaptionFile)
        {
            fromFile = await ReadCaptionFileAsync(captionFile ?? recipe.Target.CaptionFile!, cancellationToken);
        }

        var texts = new List<(Guid Cut, string Stem, string Text)>();
        if (recipe.Target.Captions == CaptionSource.ArchiveText)
        {
            var cuts = candidates.Select(c => c.Asset.CutId).OfType<Guid>().Distinct().ToArray();
            var rows = await db.Assets.AsNoTracking()
                .Where(a => a.CutId != null && cuts.Contains(a.CutId.Value) && a.MediaType.StartsWith("text/"))
                .OrderBy(a => a.OriginalPath).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                await using var stream = await blobs.OpenReadAsync(BlobHash.Parse(row.Sha256), cancellationToken);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var text = await reader.ReadToEndAsync(cancellationToken);
                if (Line(text) is { } line)
                {
                    texts.Add((row.CutId!.Value, Stem(row.Name), line));
                }
            }
        }

        return new DatasetCaptions(recipe.Concept, fromFile, texts.ToLookup(t => t.Cut, t => (t.Stem, t.Text)));
    }

    public string For(DatasetCandidate candidate, CaptionSource source)
    {
        var asset = candidate.Asset;
        switch (source)
        {
            case CaptionSource.CaptionFile when _fromFile.TryGetValue(asset.Id.ToString(), out var byId) || _fromFile.TryGetValue(asset.OriginalPath, out byId):
                return byId;
            case CaptionSource.ArchiveText when asset.CutId is { } cut && _textsByCut[cut].ToList() is { Count: > 0 } texts:
                var stem = Stem(asset.Name);
                return texts.FirstOrDefault(t => string.Equals(t.Stem, stem, StringComparison.OrdinalIgnoreCase)).Text ?? texts[0].Text;
            default:
                return FromMetadata(asset);
        }
    }

    private string FromMetadata(AssetRow asset)
    {
        var parts = new List<string> { _concept.Replace('_', ' '), asset.LayerKind };
        parts.AddRange(DatasetSelector.Tags(asset).Where(t => !parts.Contains(t, StringComparer.OrdinalIgnoreCase)));
        return Line(string.Join(", ", parts)) ?? _concept;
    }

    private static async Task<Dictionary<string, string>> ReadCaptionFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new DatasetRecipeException($"'captionFile': {path} does not exist");
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var map = await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(stream, cancellationToken: cancellationToken)
                ?? throw new DatasetRecipeException($"'captionFile': {path} is empty");
            return map.Select(kv => (kv.Key, Line: Line(kv.Value))).Where(kv => kv.Line is not null).ToDictionary(kv => kv.Key, kv => kv.Line!, StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new DatasetRecipeException($"'captionFile': {path} must be a JSON object of asset id or archived path → caption: {e.Message}");
        }
    }

    /// <summary>The first non-empty line, trimmed and bounded; null when there is none.</summary>
    public static string? Line(string? text)
    {
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim().Trim('\uFEFF');
            if (line.Length > 0)
            {
                return line.Length > MaxLength ? line[..MaxLength] : line;
            }
        }

        return null;
    }

    private static string Stem(string name) => Path.GetFileNameWithoutExtension(name);
}
