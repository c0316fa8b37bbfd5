using Microsoft.EntityFrameworkCore;
using Takt.Domain.Workflows;
using Takt.Persistence.Runs;

namespace Takt.Engine.Runs;

public sealed partial class RunStore
{
    /// <summary>
    /// Persists a new run of a workflow that passed validation. A queued run waits for a cluster
    /// silo (or <c>takt runs resume</c>); one the caller drives itself starts as running, so no
    /// silo's queue scan takes it in between.
    /// </summary>
    public async Task<Guid> SubmitAsync(Guid tenant, WorkflowPlan plan, CancellationToken cancellationToken, bool queued = true)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow());
        await using var db = contexts.Create();
        var now = time.GetUtcNow();
        db.Runs.Add(new RunRow
        {
            Id = id,
            TenantId = tenant,
            WorkflowName = plan.Workflow.Name.Length <= 200 ? plan.Workflow.Name : plan.Workflow.Name[..200],
            WorkflowJson = WorkflowJson.Serialize(plan.Workflow),
            Status = RunStatuses.Name(queued ? RunStatus.Queued : RunStatus.Running),
            NodeCount = plan.Order.Count,
            CreatedAt = now,
            StartedAt = queued ? null : now,
        });
        db.RunEvents.Add(new RunEventRow { RunId = id, Kind = "run-queued", Message = $"{plan.Order.Count} node(s)", At = now });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>Makes a paused, failed or cancelled run runnable again: its unfinished nodes run, done ones are kept.</summary>
    public async Task<bool> ReopenAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return false;
        }

        if (RunStatuses.Parse(run.Status) is RunStatus.Succeeded or RunStatus.Queued or RunStatus.Running)
        {
            return true;
        }

        var reopen = new[] { "failed", "cancelled", "skipped", "paused" };
        await db.RunNodes.Where(n => n.RunId == runId && reopen.Contains(n.Status)).ExecuteDeleteAsync(cancellationToken);
        run.Status = RunStatuses.Name(RunStatus.Queued);
        run.CancelRequested = false;
        run.Error = null;
        run.FinishedAt = null;
        db.RunEvents.Add(new RunEventRow { RunId = runId, Kind = "run-resumed", Message = "reopened", At = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<RunSummary>> ListAsync(int limit, RunStatus? status, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var query = db.Runs.AsNoTracking();
        if (status is { } wanted)
        {
            var name = RunStatuses.Name(wanted);
            query = query.Where(r => r.Status == name);
        }

        var runs = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(limit).ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        var counts = await db.RunNodes.AsNoTracking().Where(n => ids.Contains(n.RunId))
            .GroupBy(n => new { n.RunId, n.Status })
            .Select(g => new { g.Key.RunId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. runs.Select(r => Summary(r, counts.Where(c => c.RunId == r.Id).Select(c => (c.Status, c.Count))))];
    }

    public async Task<RunDetail?> ShowAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var nodes = await db.RunNodes.AsNoTracking().Where(n => n.RunId == runId).ToListAsync(cancellationToken);
        var summary = Summary(run, nodes.GroupBy(n => n.Status).Select(g => (g.Key, g.Count())));
        return new RunDetail(summary, [.. nodes.Select(ToCheckpoint).OrderBy(n => n.StartedAt ?? DateTimeOffset.MaxValue).ThenBy(n => n.NodeId, StringComparer.Ordinal)], run.WorkflowJson);
    }

    public async Task<IReadOnlyList<RunLogEntry>> LogsAsync(Guid runId, long after, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        return await db.RunEvents.AsNoTracking().Where(e => e.RunId == runId && e.Id > after).OrderBy(e => e.Id)
            .Select(e => new RunLogEntry(e.Id, e.At, e.NodeId, e.Kind, e.Message))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A run named by its full id or a unique start or end of it (6+ characters). Run ids are
    /// time-ordered (v7), so runs made close together share their start: lists print the end.
    /// </summary>
    public async Task<Guid?> ResolveAsync(string text, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        var part = text.Trim().ToLowerInvariant();
        if (part.Length < 6)
        {
            return null;
        }

        await using var db = contexts.Create();
        var ids = await db.Runs.AsNoTracking().Select(r => r.Id).ToListAsync(cancellationToken);
        var matches = ids.Where(i =>
        {
            var (d, n) = (i.ToString("D"), i.ToString("N"));
            return d.StartsWith(part, StringComparison.Ordinal) || d.EndsWith(part, StringComparison.Ordinal) || n.StartsWith(part, StringComparison.Ordinal);
        }).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static RunSummary Summary(RunRow r, IEnumerable<(string Status, int Count)> counts)
    {
        var byStatus = counts.ToDictionary(c => c.Status, c => c.Count, StringComparer.Ordinal);
        return new RunSummary(
            r.Id,
            r.WorkflowName,
            RunStatuses.Parse(r.Status),
            r.NodeCount,
            byStatus.GetValueOrDefault("succeeded") + byStatus.GetValueOrDefault("cached"),
            byStatus.GetValueOrDefault("failed"),
            r.CreatedAt,
            r.StartedAt,
            r.FinishedAt,
            r.Error);
    }
}
