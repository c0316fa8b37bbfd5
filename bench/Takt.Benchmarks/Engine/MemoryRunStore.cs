using System.Collections.Concurrent;
using Takt.Domain.Workflows;
using Takt.Engine.Runs;

namespace Takt.Benchmarks.Engine;

/// <summary>Run state in memory: isolates the executor's own scheduling cost from the database's.</summary>
internal sealed class MemoryRunStore : IRunStateStore
{
    private readonly ConcurrentDictionary<Guid, (Guid Tenant, string Workflow, RunStatus Status)> _runs = new();
    private readonly ConcurrentDictionary<(Guid, string), NodeCheckpoint> _nodes = new();
    private readonly ConcurrentDictionary<(Guid, string), CachedResult> _cache = new();

    public Guid Submit(Guid tenant, WorkflowPlan plan)
    {
        var id = Guid.CreateVersion7();
        _runs[id] = (tenant, WorkflowJson.Serialize(plan.Workflow), RunStatus.Queued);
        return id;
    }

    public Task<RunRecord?> LoadAsync(Guid runId, CancellationToken cancellationToken) =>
        Task.FromResult(_runs.TryGetValue(runId, out var run)
            ? new RunRecord(runId, run.Tenant, run.Workflow, run.Status, false, _nodes.Where(n => n.Key.Item1 == runId).ToDictionary(n => n.Key.Item2, n => n.Value, StringComparer.Ordinal))
            : null);

    public Task MarkRunningAsync(Guid runId, CancellationToken cancellationToken)
    {
        _runs[runId] = _runs[runId] with { Status = RunStatus.Running };
        return Task.CompletedTask;
    }

    public Task CheckpointAsync(Guid runId, Guid tenant, IReadOnlyList<NodeCheckpoint> nodes, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            _nodes[(runId, node.NodeId)] = node;
            if (node is { Status: NodeStatus.Succeeded, CacheKey: { } key, Outputs: { } outputs })
            {
                _cache.TryAdd((tenant, key), new CachedResult(outputs, node.LineageNode));
            }
        }

        return Task.CompletedTask;
    }

    public Task FinishAsync(Guid runId, RunStatus status, string? error, CancellationToken cancellationToken)
    {
        _runs[runId] = _runs[runId] with { Status = status };
        return Task.CompletedTask;
    }

    public Task RequestCancelNodeAsync(Guid runId, string nodeId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<string>> CancelledNodesAsync(Guid runId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<bool> CancelRequestedAsync(Guid runId, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<bool> RequestCancelAsync(Guid runId, CancellationToken cancellationToken) => Task.FromResult(_runs.ContainsKey(runId));

    public Task<IReadOnlyDictionary<string, CachedResult>> FindCachedAsync(Guid tenant, IReadOnlyCollection<string> cacheKeys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, CachedResult>(StringComparer.Ordinal);
        foreach (var key in cacheKeys)
        {
            if (_cache.TryGetValue((tenant, key), out var hit))
            {
                found[key] = hit;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, CachedResult>>(found);
    }

    public Task<IReadOnlyList<Guid>> QueuedAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. _runs.Where(r => r.Value.Status is RunStatus.Queued).Select(r => r.Key)]);

    public Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. _runs.Where(r => r.Value.Status is RunStatus.Queued or RunStatus.Running).Select(r => r.Key)]);
}
