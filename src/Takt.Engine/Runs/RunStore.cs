using Microsoft.EntityFrameworkCore;
using Takt.Persistence;
using Takt.Persistence.Runs;

namespace Takt.Engine.Runs;

/// <summary>Run state in the workspace database: runs, node checkpoints, the result cache and run events.</summary>
public sealed partial class RunStore(TaktContextFactory contexts, TimeProvider time) : IRunStateStore
{
    public async Task<RunRecord?> LoadAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var nodes = await db.RunNodes.AsNoTracking().Where(n => n.RunId == runId).ToListAsync(cancellationToken);
        return new RunRecord(
            run.Id,
            run.TenantId,
            run.WorkflowJson,
            RunStatuses.Parse(run.Status),
            run.CancelRequested,
            nodes.ToDictionary(n => n.NodeId, ToCheckpoint, StringComparer.Ordinal));
    }

    public async Task MarkRunningAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var now = time.GetUtcNow();
        var run = await db.Runs.FirstAsync(r => r.Id == runId, cancellationToken);
        run.Status = RunStatuses.Name(RunStatus.Running);
        run.StartedAt ??= now;
        run.Error = null;
        run.FinishedAt = null;
        db.RunEvents.Add(new RunEventRow { RunId = runId, Kind = "run-started", Message = "running", At = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task CheckpointAsync(Guid runId, Guid tenant, IReadOnlyList<NodeCheckpoint> nodes, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken)
    {
        if (nodes.Count == 0 && events.Count == 0)
        {
            return;
        }

        await using var db = contexts.Create();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = nodes.Select(n => n.NodeId).ToList();
        var existing = await db.RunNodes.Where(n => n.RunId == runId && ids.Contains(n.NodeId)).ToDictionaryAsync(n => n.NodeId, StringComparer.Ordinal, cancellationToken);
        var keys = nodes.Where(n => n.Status == NodeStatus.Succeeded && n.CacheKey is not null).Select(n => n.CacheKey!).Distinct(StringComparer.Ordinal).ToList();
        var cached = keys.Count == 0
            ? []
            : (await db.NodeResults.Where(r => r.TenantId == tenant && keys.Contains(r.CacheKey)).Select(r => r.CacheKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var node in nodes)
        {
            var row = existing.GetValueOrDefault(node.NodeId);
            if (row is null)
            {
                row = new RunNodeRow { RunId = runId, NodeId = node.NodeId, NodeType = node.NodeType, Status = "" };
                db.RunNodes.Add(row);
            }

            row.Status = NodeStatuses.Name(node.Status);
            row.CacheKey = node.CacheKey;
            row.OutputsJson = node.Outputs is null ? null : PortValueJson.Write(node.Outputs);
            row.Backend = node.Backend;
            row.Attempts = node.Attempts;
            row.Error = node.Error;
            row.LineageNodeId = node.LineageNode;
            row.StartedAt = node.StartedAt;
            row.FinishedAt = node.FinishedAt;
            if (node.Status == NodeStatus.Succeeded && node.CacheKey is { } key && node.Outputs is not null && cached.Add(key))
            {
                db.NodeResults.Add(new NodeResultRow
                {
                    TenantId = tenant,
                    CacheKey = key,
                    NodeType = node.NodeType,
                    OutputsJson = row.OutputsJson!,
                    LineageNodeId = node.LineageNode,
                    RunId = runId,
                    CreatedAt = now,
                });
            }
        }

        db.RunEvents.AddRange(events.Where(e => e.Persisted).Select(e => new RunEventRow { RunId = runId, NodeId = e.NodeId, Kind = e.Kind, Message = Clip(e.Message), At = e.At }));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task FinishAsync(Guid runId, RunStatus status, string? error, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var now = time.GetUtcNow();
        var run = await db.Runs.FirstAsync(r => r.Id == runId, cancellationToken);
        run.Status = RunStatuses.Name(status);
        run.Error = error is null ? null : Clip(error);
        run.FinishedAt = RunStatuses.IsFinal(status) ? now : null;
        db.RunEvents.Add(new RunEventRow { RunId = runId, Kind = "run-finished", Message = error is null ? RunStatuses.Name(status) : $"{RunStatuses.Name(status)}: {Clip(error)}", At = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> CancelRequestedAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        return await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => r.CancelRequested).FirstOrDefaultAsync(cancellationToken);
    }

    private const string CancelNodeKind = "cancel-node";

    public async Task<IReadOnlyList<string>> CancelledNodesAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        return await db.RunEvents.AsNoTracking().Where(e => e.RunId == runId && e.Kind == CancelNodeKind && e.NodeId != null).Select(e => e.NodeId!).Distinct().ToListAsync(cancellationToken);
    }

    public async Task RequestCancelNodeAsync(Guid runId, string nodeId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        db.RunEvents.Add(new RunEventRow { RunId = runId, NodeId = nodeId, Kind = CancelNodeKind, Message = $"cancel requested for node '{nodeId}'", At = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RequestCancelAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return false;
        }

        if (!run.CancelRequested && !RunStatuses.IsFinal(RunStatuses.Parse(run.Status)))
        {
            run.CancelRequested = true;
            db.RunEvents.Add(new RunEventRow { RunId = runId, Kind = "cancel-requested", Message = "cancel requested", At = time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    public async Task<IReadOnlyDictionary<string, CachedResult>> FindCachedAsync(Guid tenant, IReadOnlyCollection<string> cacheKeys, CancellationToken cancellationToken)
    {
        if (cacheKeys.Count == 0)
        {
            return new Dictionary<string, CachedResult>();
        }

        await using var db = contexts.Create();
        var found = new Dictionary<string, CachedResult>(StringComparer.Ordinal);
        foreach (var chunk in cacheKeys.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var rows = await db.NodeResults.AsNoTracking().Where(r => r.TenantId == tenant && chunk.Contains(r.CacheKey)).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                found[row.CacheKey] = new CachedResult(PortValueJson.Read(row.OutputsJson), row.LineageNodeId);
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var open = new[] { RunStatuses.Name(RunStatus.Queued), RunStatuses.Name(RunStatus.Running) };
        return await db.Runs.AsNoTracking().IgnoreQueryFilters().Where(r => open.Contains(r.Status)).OrderBy(r => r.CreatedAt).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> QueuedAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var queued = RunStatuses.Name(RunStatus.Queued);
        return await db.Runs.AsNoTracking().IgnoreQueryFilters().Where(r => r.Status == queued).OrderBy(r => r.CreatedAt).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    private static NodeCheckpoint ToCheckpoint(RunNodeRow n) => new(
        n.NodeId,
        n.NodeType,
        NodeStatuses.Parse(n.Status),
        n.Attempts,
        n.CacheKey,
        n.OutputsJson is null ? null : PortValueJson.Read(n.OutputsJson),
        n.Backend,
        n.Error,
        n.LineageNodeId,
        n.StartedAt,
        n.FinishedAt);

    private static string Clip(string text) => text.Length <= 4000 ? text : text[..4000] + "…";
}
