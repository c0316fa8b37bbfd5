using System.Globalization;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Datasets;
using Takt.Engine.Datasets;
using Takt.Persistence.Datasets;

namespace Takt.Cli.Commands;

/// <summary>How dataset results read: tables for people, stable JSON for scripts.</summary>
internal static class DatasetViews
{
    public static int Built(CliOutput cli, DatasetBuildOutcome outcome)
    {
        var build = outcome.Build;
        var version = outcome.Version;
        var reasons = ReasonCounts(build.Manifest.Exclusions);
        if (cli.Json)
        {
            cli.WriteJson(new
            {
                name = version.Name,
                versionId = version.VersionHash,
                node = version.Id,
                path = build.Folder,
                format = version.Format,
                samples = version.Samples,
                files = build.Manifest.Samples.Count + build.Manifest.Files.Count,
                excluded = version.Excluded,
                exclusionReasons = reasons,
                derived = build.Derived,
                reused = build.Reused,
                isNew = outcome.Recorded,
                supersedes = version.Supersedes,
            });
            return ExitCodes.Ok;
        }

        cli.Line(outcome.Recorded
            ? $"Built [bold]{Markup.Escape(DatasetCatalog.Label(version))}[/] ({Markup.Escape(version.Format)}): {version.Samples} samples, {version.Excluded} excluded"
            : $"Unchanged: {Markup.Escape(DatasetCatalog.Label(version))} already holds exactly this ({version.Samples} samples, {version.Excluded} excluded)");
        cli.Line($"  folder   {Markup.Escape(build.Folder)}");
        cli.Line($"  version  {version.VersionHash}  (lineage node {version.Id})");
        cli.Line($"  outputs  {build.Derived} derived, {build.Reused} reused from earlier builds");
        foreach (var (code, count) in reasons)
        {
            cli.Line($"  excluded {count,5} × {Markup.Escape(code)}");
        }

        if (version.Excluded > 0)
        {
            cli.Line($"  (every exclusion and its reasons: takt dataset show {Markup.Escape(DatasetCatalog.Label(version))})");
        }

        return ExitCodes.Ok;
    }

    public static void List(CliOutput cli, IReadOnlyList<DatasetVersionRow> versions)
    {
        if (cli.Json)
        {
            cli.WriteJson(versions.Select(v => new { name = v.Name, versionId = v.VersionHash, node = v.Id, format = v.Format, samples = v.Samples, excluded = v.Excluded, path = v.Path, builtAt = v.BuiltAt, supersedes = v.Supersedes }));
            return;
        }

        if (versions.Count == 0)
        {
            cli.Line("No dataset versions yet: takt dataset build <recipe.json>");
            return;
        }

        var table = new Table().AddColumns("dataset", "version", "format", "samples", "excluded", "built", "folder");
        foreach (var v in versions)
        {
            table.AddRow(Markup.Escape(v.Name), v.VersionHash[..12], v.Format, v.Samples.ToString(CultureInfo.InvariantCulture), v.Excluded.ToString(CultureInfo.InvariantCulture),
                v.BuiltAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Markup.Escape(v.Path));
        }

        cli.Console.Write(table);
    }

    public static void Show(CliOutput cli, DatasetVersionRow version, DatasetManifest manifest, string folder, bool samples)
    {
        if (cli.Json)
        {
            cli.WriteJson(new { versionId = version.VersionHash, node = version.Id, path = folder, builtAt = version.BuiltAt, supersedes = version.Supersedes, manifest });
            return;
        }

        cli.Line($"[bold]{Markup.Escape(DatasetCatalog.Label(version))}[/]  {Markup.Escape(manifest.Format)}, {version.Samples} samples, {version.Excluded} excluded");
        cli.Line($"  folder     {Markup.Escape(folder)}");
        cli.Line($"  version    {version.VersionHash}");
        cli.Line($"  node       {version.Id}{(version.Supersedes is { } s ? $"  (replaces {s})" : "")}");
        cli.Line($"  built      {version.BuiltAt.ToString("u", CultureInfo.InvariantCulture)} (consent decided then, filter v{manifest.ConsentFilterVersion})");
        cli.Line($"  tools      {Markup.Escape(string.Join(", ", manifest.Tools.Select(t => $"{t.Key} {t.Value}")))}");
        var buckets = manifest.Samples.Where(x => x.Role is "image" or "clip").GroupBy(x => x.Bucket).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}");
        cli.Line($"  buckets    {Markup.Escape(string.Join(", ", buckets))}");
        if (manifest.Exclusions.Count > 0)
        {
            var table = new Table().AddColumns("excluded", "asset", "why");
            foreach (var e in manifest.Exclusions)
            {
                table.AddRow(Markup.Escape(e.Source), e.Asset.ToString()[..8], Markup.Escape(string.Join("; ", e.Reasons.Select(r => $"{r.Code}: {r.Text}"))));
            }

            cli.Console.Write(table);
        }

        if (samples)
        {
            var table = new Table().AddColumns("path", "role", "bucket", "sha256", "decision");
            foreach (var x in manifest.Samples)
            {
                table.AddRow(Markup.Escape(x.Path), x.Role, x.Bucket ?? "", x.Sha256[..12], Markup.Escape(x.Decision));
            }

            cli.Console.Write(table);
        }
    }

    public static void Diff(CliOutput cli, DatasetDiff diff)
    {
        if (cli.Json)
        {
            cli.WriteJson(new
            {
                from = diff.From,
                to = diff.To,
                added = diff.Added,
                removed = diff.Removed,
                changed = diff.Changed.Select(c => new { path = c.To.Path, from = c.From.Sha256, to = c.To.Sha256, fromKey = c.From.DerivationKey, toKey = c.To.DerivationKey }),
                unchanged = diff.Unchanged,
                newlyExcluded = diff.NewlyExcluded,
                noLongerExcluded = diff.NoLongerExcluded,
            });
            return;
        }

        cli.Line($"{Markup.Escape(diff.From)} → {Markup.Escape(diff.To)}: {diff.Added.Count} added, {diff.Removed.Count} removed, {diff.Changed.Count} re-derived, {diff.Unchanged} unchanged");
        foreach (var s in diff.Added)
        {
            cli.Line($"  [green]+[/] {Markup.Escape(s.Path)}");
        }

        foreach (var s in diff.Removed)
        {
            cli.Line($"  [red]-[/] {Markup.Escape(s.Path)}");
        }

        foreach (var (from, _) in diff.Changed)
        {
            cli.Line($"  [yellow]~[/] {Markup.Escape(from.Path)}");
        }

        foreach (var e in diff.NewlyExcluded)
        {
            cli.Line($"  now excluded: {Markup.Escape(e.Source)} — {Markup.Escape(string.Join("; ", e.Reasons.Select(r => r.Text)))}");
        }

        foreach (var e in diff.NoLongerExcluded)
        {
            cli.Line($"  no longer excluded: {Markup.Escape(e.Source)}");
        }
    }

    public static void Explain(CliOutput cli, Guid asset, IReadOnlyList<DatasetExplanation> explanations)
    {
        if (cli.Json)
        {
            cli.WriteJson(new { asset, versions = explanations });
            return;
        }

        if (explanations.Count == 0)
        {
            cli.Line("No dataset versions yet.");
            return;
        }

        foreach (var x in explanations)
        {
            var head = $"{Markup.Escape(x.Dataset)}@{x.Version[..12]}: [bold]{x.Verdict}[/]";
            cli.Line(x.Samples.Count > 0
                ? $"{head} as {Markup.Escape(string.Join(", ", x.Samples.Select(s => $"{s.Role} {s.Path} ({s.Bucket}, {s.Decision})")))}"
                : $"{head} — {Markup.Escape(string.Join("; ", x.Reasons.Select(r => $"{r.Code}: {r.Text}")))}");
        }
    }

    public static void Rebuilt(CliOutput cli, IReadOnlyList<DatasetRebuild> rebuilt, bool retargeted)
    {
        if (cli.Json)
        {
            cli.WriteJson(rebuilt.Select(r => new
            {
                from = DatasetCatalog.Label(r.From),
                to = r.Outcome is { } o ? DatasetCatalog.Label(o.Version) : null,
                node = r.Outcome?.Version.Id,
                derived = r.Outcome?.Build.Derived,
                reused = r.Outcome?.Build.Reused,
                samples = r.Outcome?.Version.Samples,
                excluded = r.Outcome?.Version.Excluded,
                resolvedItems = r.ResolvedItems,
                problem = r.Problem,
            }));
            return;
        }

        if (rebuilt.Count == 0)
        {
            cli.Line(retargeted ? "Nothing to rebuild." : "No dataset awaits re-derivation (no pending rederive-dataset remediation items).");
            return;
        }

        foreach (var r in rebuilt)
        {
            var o = r.Outcome!;
            cli.Line($"{Markup.Escape(DatasetCatalog.Label(r.From))} → [bold]{Markup.Escape(DatasetCatalog.Label(o.Version))}[/]: {o.Version.Samples} samples, {o.Version.Excluded} excluded; {o.Build.Derived} derived, {o.Build.Reused} reused"
                + (r.ResolvedItems.Count > 0 ? $"; closed {r.ResolvedItems.Count} remediation item(s)" : "")
                + (r.Problem is { } p ? $" ({Markup.Escape(p)})" : ""));
        }
    }

    /// <summary>Exclusions per reason code, most frequent first (an exclusion counts once per code).</summary>
    public static Dictionary<string, int> ReasonCounts(IEnumerable<ManifestExclusion> exclusions) =>
        exclusions.SelectMany(e => e.Reasons.Select(r => r.Code).Distinct()).GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
}
