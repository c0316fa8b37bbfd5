using System.Diagnostics;
using System.Text.Json;
using Takt.Domain.Workflows;
using Takt.Engine.Runs;

namespace Takt.Benchmarks.Engine;

/// <summary><c>engine-phases</c>: where the in-memory per-node time goes (parse, plan, schedule, cache keys).</summary>
public static class EnginePhases
{
    public static void Run(int nodes)
    {
        var backend = new NoopBackend(64);
        var catalog = new BackendSet([backend]).Catalog;
        var json = NoopBackend.Workflow("dag", nodes, 7);
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            var workflow = WorkflowJson.Parse(json);
            var parse = clock.Elapsed.TotalMilliseconds;
            var plan = WorkflowValidator.Plan(workflow, catalog);
            var planMs = clock.Elapsed.TotalMilliseconds - parse;
            var scheduler = new RunScheduler(plan);
            var t0 = clock.Elapsed.TotalMilliseconds;
            while (!scheduler.IsFinished)
            {
                foreach (var node in scheduler.TakeReady())
                {
                    scheduler.Complete(node.Id, NodeStatus.Succeeded);
                }
            }

            var schedule = clock.Elapsed.TotalMilliseconds - t0;
            var t1 = clock.Elapsed.TotalMilliseconds;
            var hash = CanonicalJson.Hash(JsonSerializer.SerializeToElement(0));
            foreach (var node in plan.Order)
            {
                NodeCacheKey.Compute(node.Type, node.Parameters, node.Inputs.ToDictionary(i => i.Key, _ => hash, StringComparer.Ordinal));
            }

            var keys = clock.Elapsed.TotalMilliseconds - t1;
            var t2 = clock.Elapsed.TotalMilliseconds;
            var serialized = WorkflowJson.Serialize(workflow);
            var serialize = clock.Elapsed.TotalMilliseconds - t2;
            Console.Error.WriteLine($"phases ({nodes} nodes): parse {parse:F1} ms, plan {planMs:F1} ms, schedule {schedule:F1} ms, cache keys {keys:F1} ms, serialize {serialize:F1} ms ({serialized.Length} bytes)");
        }
    }
}
