using System.Globalization;

namespace Takt.Benchmarks.Lineage;

public static partial class LineageBenchmark
{
    private const double MiB = 1024 * 1024;

    private static void Report(LineageBenchmarkOptions options, TaktFigures takt, CteFigures sqlite, CteFigures pg)
    {
        var bytesPerEdge = (double)takt.MemoryBytes / takt.Index.EdgeCount;
        // Other work on the machine slows every side alike but makes absolute times noisy: say how busy it was.
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        Line($"host: {Environment.ProcessorCount} cores, load average {load} (1 min) at the end of the run");
        var sources = takt.SourceCounts.Order().ToList();
        Line($"takt: cold load of {takt.Index.NodeCount:N0} nodes and {takt.Index.EdgeCount:N0} edges from SQLite in {takt.Load.TotalSeconds:F2} s ({takt.Index.EdgeCount / takt.Load.TotalSeconds / 1e6:F2}M edges/s; built from nothing in this process, the database file in the OS page cache)");
        Line($"takt: index arrays {takt.MemoryBytes / MiB:F1} MiB = {bytesPerEdge:F1} bytes/edge; managed heap grew {takt.HeapBytes / MiB:F1} MiB over the load");
        Line($"takt: attribution of {takt.Attribute.Count:N0} random generations: p50 {takt.Attribute.Median:F3} ms, p99 {takt.Attribute.Percentile(99):F3} ms, max {takt.Attribute.Percentile(100):F3} ms; sources per generation: median {sources[sources.Count / 2]:N0}, max {sources[^1]:N0}");
        Line($"takt: same {takt.SubsetAttribute.Count} generations the CTEs answer: first asked p50 {takt.SubsetAttribute.Median:F3} ms, p99 {takt.SubsetAttribute.Percentile(99):F3} ms (their models computed on the way); asked again p50 {takt.WarmSubsetAttribute.Median:F3} ms, p99 {takt.WarmSubsetAttribute.Percentile(99):F3} ms");
        Line($"takt: remembered model attributions after the walks: {takt.Index.CachedAttributionBytes / MiB:F1} MiB (a cache beside the index, not counted in its bytes/edge)");
        Line($"takt: impact of the popular asset: {takt.ImpactNodes:N0} downstream nodes in {takt.Impact.Median:F2} ms (median of {takt.Impact.Count})");
        foreach (var peer in new[] { sqlite, pg })
        {
            var bound = peer.Attribute.TimedOut > 0 ? $"; {peer.Attribute.TimedOut} timed out and count as {options.Timeout.TotalSeconds:F0} s, so these are lower bounds" : "";
            Line($"{peer.Name}: attribution CTE over the first {peer.Attribute.Count} of those generations: p50 {peer.Attribute.Median:F1} ms, p99 {peer.Attribute.Percentile(99):F1} ms{bound}");
            var impactBound = peer.Impact.TimedOut > 0 ? $" ({peer.Impact.TimedOut} timed out, counted as {options.Timeout.TotalSeconds:F0} s)" : "";
            Line($"{peer.Name}: impact CTE: {peer.ImpactNodes?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} nodes in {peer.Impact.Median:F1} ms (median of {peer.Impact.Count}){impactBound}");
            var verdict = peer.Mismatches == 0 && peer.ImpactMatches ? "ok" : "FAILED";
            Line($"check: {peer.Name}: {peer.Checked - peer.Mismatches}/{peer.Checked} CTE attributions equal the index's within {Tolerance:0e0} (max difference {peer.MaxDifference:0.0e0}); impact count {(peer.ImpactMatches ? "matches" : "differs")}: {verdict}");
        }

        // Same work: the CTEs' generations, as a running index answers them (models remembered);
        // the first-asked ratios, where the index also computes those models, are reported beside them.
        var ratios = (
            Sqlite: sqlite.Attribute.Median / takt.WarmSubsetAttribute.Median, Pg: pg.Attribute.Median / takt.WarmSubsetAttribute.Median,
            SqliteImpact: sqlite.Impact.Median / takt.Impact.Median, PgImpact: pg.Impact.Median / takt.Impact.Median);
        var slowest = new[] { ratios.Sqlite, ratios.Pg, ratios.SqliteImpact, ratios.PgImpact }.Min();
        Target("attribution p50 < 1 ms", takt.Attribute.Median < 1, $"{takt.Attribute.Median:F3} ms");
        Target("attribution p99 < 10 ms", takt.Attribute.Percentile(99) < 10, $"{takt.Attribute.Percentile(99):F3} ms");
        Target($"impact < 50 ms (reaching {takt.ImpactNodes:N0} nodes; the target is for ≥ 100,000)", takt.Impact.Median < 50, $"{takt.Impact.Median:F2} ms");
        Target("≥ 100× faster than the CTEs", slowest >= 100, $"slowest ratio {slowest:F0}×");
        Target("index ≤ 24 bytes per edge", bytesPerEdge <= 24, $"{bytesPerEdge:F1} B");
        Target($"cold load < 15 s (for 10M edges; this graph has {takt.Index.EdgeCount:N0})", takt.Load.TotalSeconds < 15, $"{takt.Load.TotalSeconds:F2} s");

        Result(
            ("nodes", I(takt.Index.NodeCount)), ("edges", I(takt.Index.EdgeCount)), ("quick", options.Quick ? "1" : "0"),
            ("takt_attr_p50_ms", F(takt.Attribute.Median, 4)), ("takt_attr_p99_ms", F(takt.Attribute.Percentile(99), 4)),
            ("takt_impact_ms", F(takt.Impact.Median, 3)), ("impact_nodes", I(takt.ImpactNodes)),
            ("takt_cold_load_s", F(takt.Load.TotalSeconds, 2)), ("takt_load_edges_per_s", I((long)(takt.Index.EdgeCount / takt.Load.TotalSeconds))),
            ("takt_bytes_per_edge", F(bytesPerEdge, 1)), ("takt_index_mib", F(takt.MemoryBytes / MiB, 1)), ("takt_gc_heap_mib", F(takt.HeapBytes / MiB, 1)),
            ("takt_model_cache_mib", F(takt.Index.CachedAttributionBytes / MiB, 1)), ("cores", I(Environment.ProcessorCount)), ("load_1m", load));
        Result(
            ("samples", I(takt.Attribute.Count)), ("cte_samples", I(sqlite.Attribute.Count)), ("cte_timeout_s", F(options.Timeout.TotalSeconds, 0)),
            ("takt_attr_subset_first_p50_ms", F(takt.SubsetAttribute.Median, 4)), ("takt_attr_subset_p50_ms", F(takt.WarmSubsetAttribute.Median, 4)),
            ("sqlite_attr_p50_ms", F(sqlite.Attribute.Median, 1)), ("sqlite_attr_p99_ms", F(sqlite.Attribute.Percentile(99), 1)),
            ("sqlite_attr_timeouts", I(sqlite.Attribute.TimedOut)), ("sqlite_impact_ms", F(sqlite.Impact.Median, 1)),
            ("pg_attr_p50_ms", F(pg.Attribute.Median, 1)), ("pg_attr_p99_ms", F(pg.Attribute.Percentile(99), 1)),
            ("pg_attr_timeouts", I(pg.Attribute.TimedOut)), ("pg_impact_ms", F(pg.Impact.Median, 1)));
        Result(
            ("ratio_sqlite", F(ratios.Sqlite, 0)), ("ratio_pg", F(ratios.Pg, 0)),
            ("ratio_sqlite_first_asked", F(sqlite.Attribute.Median / takt.SubsetAttribute.Median, 0)), ("ratio_pg_first_asked", F(pg.Attribute.Median / takt.SubsetAttribute.Median, 0)),
            ("ratio_sqlite_impact", F(ratios.SqliteImpact, 0)), ("ratio_pg_impact", F(ratios.PgImpact, 0)),
            ("check", sqlite.Mismatches + pg.Mismatches == 0 && sqlite.ImpactMatches && pg.ImpactMatches ? "ok" : "failed"));
    }

    private static void Target(string name, bool met, string figure) => Line($"target: {name}: {(met ? "met" : "MISSED")} ({figure})");

    private static void Line(string text) => Console.WriteLine(text);

    private static void Result(params (string Key, string Value)[] pairs) =>
        Console.WriteLine("RESULT lineage " + string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")));

    private static string F(double value, int digits) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
