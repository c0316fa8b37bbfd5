using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;
using Takt.Engine.Models;
using Takt.Engine.Runs;
using Takt.Persistence;
using Takt.Persistence.Sqlite;
using Takt.Persistence.Tenancy;
using Takt.Provenance.Lineage;

namespace Takt.Benchmarks.Engine;

/// <summary>
/// <c>engine [--quick] --out DIR</c>: the executor's own overhead on a DAG of no-op nodes, (1) with
/// run state in memory, (2) with run state, result cache, events and Generation lineage persisted
/// in SQLite, and (3) the end-to-end latency of a 7-node workflow (submit → finished, persisted),
/// the figure InvokeAI/ComfyUI users see as ~13 ms per run outside node work (orch.md §4).
/// </summary>
public static class EngineBenchmark
{
    /// <summary>InvokeAI's logged wall time outside node execution for a 7-node graph (PR #5997: 35.078 s wall − 35.065 s in nodes).</summary>
    public const double PeerOverheadMs = 13.0;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var quick = args.Contains("--quick");
        var folder = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "takt-engine-bench");
        var nodes = quick ? 2_000 : 10_000;
        var small = quick ? 20 : 50;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var tenant = Guid.CreateVersion7();
        var blobs = new LocalBlobStore(Path.Combine(folder, "blobs"));
        var backend = new NoopBackend(capacity: 64);
        var catalog = new BackendSet([backend]).Catalog;

        // (1) in memory: three runs, the median reported, after a warm-up that JIT-compiles the path.
        var memory = new MemoryRunStore();
        var inMemory = Executor(memory, backend, new NullGenerationRecorder(), blobs);
        await DriveAsync(inMemory, memory.Submit(tenant, Plan(NoopBackend.Workflow("warm", 500, 1, 1_000_000), catalog)), cancellationToken);
        var memoryTimes = new List<double>();
        var planTimes = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var json = NoopBackend.Workflow("dag", nodes, 7, i * nodes);
            var clock = Stopwatch.StartNew();
            var run = memory.Submit(tenant, inMemory.Plan(WorkflowJson.Parse(json)));
            planTimes.Add(clock.Elapsed.TotalSeconds);
            memoryTimes.Add(await DriveAsync(inMemory, run, cancellationToken));
        }

        var memoryUs = Median(memoryTimes) * 1e6 / nodes;
        var planUs = Median(planTimes) * 1e6 / nodes;
        Console.Error.WriteLine($"engine: in memory, {nodes} no-op nodes: scheduling and running {Median(memoryTimes):F3} s, {memoryUs:F1} µs/node; parsing and validating the workflow before {planUs:F1} µs/node");
        if (args.Contains("--memory-only"))
        {
            // For profiling the scheduling path alone.
            for (var i = 0; i < 20; i++)
            {
                await DriveAsync(inMemory, memory.Submit(tenant, Plan(NoopBackend.Workflow("dag", nodes, 7, (i + 10) * nodes), catalog)), cancellationToken);
            }

            return 0;
        }

        // (2) persisted in SQLite, with lineage: a fresh workspace database.
        var database = Path.Combine(folder, "takt.db");
        var contexts = new TaktContextFactory(SqliteStorage.CreateOptions(SqliteStorage.ConnectionStringFor(database)));
        await using (var db = contexts.Create())
        {
            await db.Database.MigrateAsync(cancellationToken);
            db.Tenants.Add(new TenantRow { Id = tenant, Slug = "bench", Name = "Bench", ExcludedCategories = "", RemovalDeadlineDays = 30, CreatedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        using var lineage = new LineageStore(contexts, new AuditLog(Path.Combine(folder, "audit.head"), TimeProvider.System), TimeProvider.System);
        var store = new RunStore(contexts, TimeProvider.System);
        var persisted = Executor(store, backend, new LineageGenerationRecorder(lineage, new ModelRegistry(contexts, lineage)), blobs);
        await DriveAsync(persisted, await store.SubmitAsync(tenant, Plan(NoopBackend.Workflow("warm", 200, 1, 2_000_000), catalog), cancellationToken), cancellationToken);
        var big = await store.SubmitAsync(tenant, persisted.Plan(WorkflowJson.Parse(NoopBackend.Workflow("dag", nodes, 7, 3_000_000))), cancellationToken);
        var persistedS = await DriveAsync(persisted, big, cancellationToken);
        var detail = (await store.ShowAsync(big, cancellationToken))!;
        var ranAll = detail.Nodes.Count == nodes && detail.Nodes.All(n => n.Status == NodeStatus.Succeeded && n.LineageNode is not null);
        var persistedMs = persistedS * 1e3 / nodes;
        Console.Error.WriteLine($"engine: persisted (SQLite + lineage), {nodes} nodes: {persistedS:F2} s, {persistedMs:F3} ms/node, every node run and recorded: {ranAll}");

        // (3) a 7-node workflow end to end, persisted, each run with fresh parameters (no cache hits).
        var latencies = new List<double>();
        var submits = new List<double>();
        for (var i = 0; i < small + 5; i++)
        {
            var clock = Stopwatch.StartNew();
            var run = await store.SubmitAsync(tenant, persisted.Plan(WorkflowJson.Parse(NoopBackend.Workflow("seven", 7, 3, 4_000_000 + (i * 7)))), cancellationToken, queued: false);
            var submitted = clock.Elapsed.TotalMilliseconds;
            var status = await persisted.DriveAsync(run, cancellationToken);
            clock.Stop();
            if (status != RunStatus.Succeeded)
            {
                Console.Error.WriteLine($"engine: a 7-node run ended {status}");
                return 1;
            }

            if (i >= 5)
            {
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                submits.Add(submitted);
            }
        }

        latencies.Sort();
        var p50 = Median(latencies);
        var p90 = latencies[(int)(latencies.Count * 0.9)];
        Console.Error.WriteLine($"engine: 7-node workflow end to end (persisted): p50 {p50:F2} ms (submit {Median(submits):F2} ms), p90 {p90:F2} ms; InvokeAI's logged overhead {PeerOverheadMs} ms");

        string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        Console.WriteLine($"RESULT engine nodes={nodes} cores={Environment.ProcessorCount} takt_inmemory_us_per_node={F(memoryUs)} takt_validate_us_per_node={F(planUs)} takt_persisted_ms_per_node={F(persistedMs)} takt_persisted_nodes_per_s={F(nodes / persistedS)} all_nodes_recorded={(ranAll ? 1 : 0)}");
        Console.WriteLine($"RESULT engine workflow_nodes=7 runs={latencies.Count} takt_run_p50_ms={F(p50)} takt_run_p90_ms={F(p90)} invokeai_overhead_ms={F(PeerOverheadMs)} ratio_invokeai={F(PeerOverheadMs / p50)}");
        return ranAll ? 0 : 1;
    }

    private static RunExecutor Executor(IRunStateStore store, INodeBackend backend, IGenerationRecorder recorder, IBlobStore blobs) =>
        new(store, new BackendSet([backend]), new LocalBackendSlots(), recorder, blobs, new RunEvents(), new EngineOptions(), TimeProvider.System);

    private static WorkflowPlan Plan(string json, NodeCatalog catalog) => WorkflowValidator.Plan(WorkflowJson.Parse(json), catalog);

    private static async Task<double> DriveAsync(RunExecutor executor, Guid run, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var status = await executor.DriveAsync(run, cancellationToken);
        return status == RunStatus.Succeeded ? clock.Elapsed.TotalSeconds : throw new InvalidOperationException($"benchmark run ended {status}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
