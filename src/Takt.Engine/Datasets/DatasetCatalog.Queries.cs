using Microsoft.EntityFrameworkCore;
using Takt.Domain.Datasets;
using Takt.Persistence.Datasets;

namespace Takt.Engine.Datasets;

public sealed partial class DatasetCatalog
{
    public async Task<IReadOnlyList<DatasetVersionRow>> ListAsync(string? name, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var rows = await db.DatasetVersions.AsNoTracking().Where(v => name == null || v.Name == name).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.BuiltAt)];
    }

    /// <summary>
    /// A version by its id (node id or version hash, 6+ leading characters) or by dataset name (the
    /// latest version of that name, or "name@hashprefix"). Returns a sentence when it is not one version.
    /// </summary>
    public async Task<(DatasetVersionRow? Version, string? Problem)> FindAsync(string reference, CancellationToken cancellationToken)
    {
        var text = reference.Trim();
        var all = await ListAsync(null, cancellationToken);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            var (name, prefix) = (text[..at], text[(at + 1)..].ToLowerInvariant());
            var matches = all.Where(v => v.Name == name && v.VersionHash.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            return One(matches, reference);
        }

        var named = all.Where(v => v.Name == text).ToList();
        if (named.Count > 0)
        {
            return (named[^1], null);
        }

        var lower = text.ToLowerInvariant();
        if (lower.Length < 6)
        {
            return (null, $"no dataset named '{reference}' (a version id needs at least 6 characters)");
        }

        return One([.. all.Where(v => v.VersionHash.StartsWith(lower, StringComparison.Ordinal) || v.Id.ToString("D").StartsWith(lower, StringComparison.Ordinal))], reference);
    }

    public async Task<DatasetDiff> DiffAsync(DatasetVersionRow from, DatasetVersionRow to, CancellationToken cancellationToken)
    {
        var a = await ManifestAsync(from, cancellationToken);
        var b = await ManifestAsync(to, cancellationToken);
        var before = a.Samples.ToDictionary(s => s.Path, StringComparer.Ordinal);
        var after = b.Samples.ToDictionary(s => s.Path, StringComparer.Ordinal);
        var changed = after.Values.Where(s => before.TryGetValue(s.Path, out var old) && old.Sha256 != s.Sha256).Select(s => (before[s.Path], s)).ToList();
        var excludedBefore = a.Exclusions.Select(e => e.Asset).ToHashSet();
        var excludedAfter = b.Exclusions.Select(e => e.Asset).ToHashSet();
        return new DatasetDiff(
            Label(from),
            Label(to),
            [.. after.Values.Where(s => !before.ContainsKey(s.Path))],
            [.. before.Values.Where(s => !after.ContainsKey(s.Path))],
            changed,
            after.Values.Count(s => before.TryGetValue(s.Path, out var old) && old.Sha256 == s.Sha256),
            [.. b.Exclusions.Where(e => !excludedBefore.Contains(e.Asset))],
            [.. a.Exclusions.Where(e => !excludedAfter.Contains(e.Asset))]);
    }

    /// <summary>For each version (of one dataset, or all): is the asset in it, as which samples, or why not.</summary>
    public async Task<IReadOnlyList<DatasetExplanation>> ExplainAsync(Guid asset, string? dataset, CancellationToken cancellationToken)
    {
        var explanations = new List<DatasetExplanation>();
        foreach (var version in await ListAsync(dataset, cancellationToken))
        {
            var manifest = await ManifestAsync(version, cancellationToken);
            var samples = manifest.Samples.Where(s => s.Asset == asset || (s.Frames?.Contains(asset) ?? false)).ToList();
            var reasons = manifest.Exclusions.Where(e => e.Asset == asset).SelectMany(e => e.Reasons).ToList();
            var verdict = samples.Count > 0 ? "included" : reasons.Count > 0 ? "excluded" : "not-selected";
            if (reasons.Count == 0 && samples.Count == 0)
            {
                reasons.Add(new ManifestReason("not-selected", "the recipe's selection (tenant, projects, scenes, cuts, layer kinds, tags) does not take it"));
            }

            explanations.Add(new DatasetExplanation(version.Name, version.VersionHash, verdict, samples, reasons));
        }

        return explanations;
    }

    public static string Label(DatasetVersionRow version) => $"{version.Name}@{version.VersionHash[..12]}";

    private static (DatasetVersionRow? Version, string? Problem) One(List<DatasetVersionRow> matches, string reference) => matches.Count switch
    {
        1 => (matches[0], null),
        0 => (null, $"no dataset or version '{reference}'"),
        _ => (null, $"'{reference}' matches {matches.Count} versions; give more of the id"),
    };
}
