using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Takt.Archive.Audit;
using Takt.Domain.Lineage;
using Takt.Persistence.Sqlite;
using Takt.Provenance.Lineage;

namespace Takt.Benchmarks.Lineage;

/// <summary>
/// <c>lineage [--quick]</c>: generates the production-shaped graph, writes it to SQLite and to
/// PostgreSQL, then asks attribution and impact of the Takt index (loaded cold from SQLite
/// through <see cref="LineageStore"/>) and of recursive CTEs on both databases over the same rows.
/// Human lines first, then <c>RESULT lineage key=value …</c> lines.
/// </summary>
public static partial class LineageBenchmark
{
    /// <summary>Largest difference allowed between a CTE's share and the index's for the same source.</summary>
    public const double Tolerance = 1e-9;

    public static async Task<int> RunAsync(LineageBenchmarkOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Folder);
        var clock = Stopwatch.StartNew();
        void Progress(string message) => Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] lineage: {message}");

        Progress($"generating the {(options.Quick ? "quick" : "full")} graph (seed {options.Seed})");
        var graph = LineageGenerator.Generate(options.Shape, options.Seed, Progress);
        var problems = graph.CheckRules();
        if (problems.Count > 0)
        {
            Console.Error.WriteLine($"lineage: the generated graph breaks the lineage rules: {string.Join("; ", problems.Take(5))}");
            return 1;
        }

        Progress($"graph checked against LineageRules: {graph.NodeCount:N0} nodes, {graph.EdgeCount:N0} edges, no problems");
        Describe(graph);
        var workload = LineageWorkload.Choose(graph, options.Samples, options.Seed + 1);

        var sqlitePath = Path.Combine(options.Folder, "lineage.db");
        var contexts = await SqliteLineageLoad.CreateAsync(sqlitePath, graph, Progress, cancellationToken);
        var postgres = await PostgresLineageLoad.CreateAsync(options.PostgresAdmin, graph, Progress, cancellationToken);
        try
        {
            // The index is measured without the generator's copy of the graph in the heap; the local
            // lives in the async state machine, so it stays reachable until cleared.
            graph = null;
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            await FlushWritesAsync(Progress, cancellationToken);

            var audit = new AuditLog(Path.Combine(options.Folder, "audit.anchor"), TimeProvider.System);
            using var store = new LineageStore(contexts, audit, TimeProvider.System);
            Progress("takt: cold load of the index from SQLite");
            var takt = await MeasureTaktAsync(store, workload, options, cancellationToken);
            if (takt is null)
            {
                return 1;
            }

            Progress($"takt: loaded in {takt.Load.TotalSeconds:F2} s; attribution and impact measured");
            var peers = new List<CteFigures>();
            await using (var sqlite = await SqliteLineageCte.OpenAsync(SqliteStorage.ConnectionStringFor(sqlitePath), options.Timeout, cancellationToken))
            {
                peers.Add(await MeasureCteAsync(sqlite, takt, workload, options, Progress, cancellationToken));
            }

            await using (var pg = await PostgresLineageCte.OpenAsync(postgres.ConnectionString, options.Timeout, cancellationToken))
            {
                peers.Add(await MeasureCteAsync(pg, takt, workload, options, Progress, cancellationToken));
            }

            Report(options, takt, peers[0], peers[1]);
            return peers.All(p => p.Mismatches == 0 && p.ImpactMatches) ? 0 : 1;
        }
        finally
        {
            if (options.KeepDatabases)
            {
                Progress($"kept: {sqlitePath} and PostgreSQL database {postgres.Name}");
            }
            else
            {
                await postgres.DisposeAsync();
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { sqlitePath, sqlitePath + "-wal", sqlitePath + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }
    }

    /// <summary>Lets the kernel write the two loads out before anything is timed, so no measurement competes with that I/O.</summary>
    private static async Task FlushWritesAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        if (!File.Exists("/usr/bin/sync") && !File.Exists("/bin/sync"))
        {
            return;
        }

        progress("sync: flushing the loads to disk");
        using var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false });
        if (sync is not null)
        {
            await sync.WaitForExitAsync(cancellationToken);
        }
    }

    private static void Describe(SyntheticLineage graph)
    {
        var kinds = new int[LineageNodeKinds.All.Count];
        for (var n = 0; n < graph.NodeCount; n++)
        {
            kinds[(int)graph.KindOf(n)]++;
        }

        var counts = LineageNodeKinds.All.Where(k => kinds[(int)k] > 0).Select(k => $"{kinds[(int)k]:N0} {LineageNodeKinds.Name(k)}");
        Console.WriteLine($"graph: {graph.NodeCount:N0} nodes ({string.Join(", ", counts)}), {graph.EdgeCount:N0} edges, {graph.Tenants.Count} tenants + shared pool");
    }
}
