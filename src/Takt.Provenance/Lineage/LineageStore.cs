using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Domain.Lineage;
using Takt.Persistence;
using Takt.Persistence.Lineage;

namespace Takt.Provenance.Lineage;

/// <summary>
/// The system of record for lineage: appends checked batches to the tables (with their audit
/// entries, in one transaction) and keeps the in-memory index current, loading it once and then
/// reading only what was recorded after it, by this process or any other.
/// </summary>
public sealed partial class LineageStore(TaktContextFactory contexts, AuditLog audit, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// One append at a time per store: appends take the next sequence numbers, so concurrent ones in
    /// a process (an engine driving many runs) would only collide and retry. Other processes still
    /// race, and retry with a growing random pause.
    /// </summary>
    private readonly SemaphoreSlim _appends = new(1, 1);
    private LineageIndex? _index;

    /// <summary>The index, current with the store as of this call.</summary>
    public async Task<LineageIndex> IndexAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = contexts.Create();
            if (_index is null)
            {
                _index = await LineageLoader.LoadAsync(db, cancellationToken);
            }
            else if (await LineageLoader.LastSeqAsync(db, cancellationToken) > _index.LastSeq)
            {
                _index.Append(await LineageLoader.TailAsync(db, _index.LastSeq, cancellationToken));
            }

            return _index;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Appends a batch: all of it or, when any node breaks a rule, none of it. A batch may name
    /// archive assets and contributors not yet in the graph as parents: the archive is brought in
    /// first then, and only then, since that scans every asset (the engine records on every run).
    /// </summary>
    public async Task<LineageRecordOutcome> RecordAsync(IReadOnlyList<LineageNodeDraft> batch, CancellationToken cancellationToken)
    {
        var index = await IndexAsync(cancellationToken);
        var inBatch = batch.Select(n => n.Id).ToHashSet();
        if (batch.SelectMany(n => n.Parents).Any(p => !inBatch.Contains(p.Parent) && !index.TryFind(p.Parent, out _)))
        {
            await SyncArchiveAsync(cancellationToken);
        }

        return await AppendAsync(batch, "lineage.recorded", cancellationToken);
    }

    private async Task<LineageRecordOutcome> AppendAsync(IReadOnlyList<LineageNodeDraft> batch, string auditKind, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return new LineageRecordOutcome([], []);
        }

        await _appends.WaitAsync(cancellationToken);
        try
        {
            return await AppendOnceAsync(batch, auditKind, cancellationToken);
        }
        finally
        {
            _appends.Release();
        }
    }

    private async Task<LineageRecordOutcome> AppendOnceAsync(IReadOnlyList<LineageNodeDraft> batch, string auditKind, CancellationToken cancellationToken)
    {
        const int Attempts = 10;
        for (var attempt = 1; ; attempt++)
        {
            var index = await IndexAsync(cancellationToken);
            var sharedPool = await SharedPoolTenantsAsync(cancellationToken);
            var check = LineageRules.Check(batch, index.Recorded, t => sharedPool.Contains(t.Value));
            if (!check.IsValid)
            {
                return new LineageRecordOutcome([], check.Problems);
            }

            await using var db = contexts.Create();
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var last = await LineageLoader.LastSeqAsync(db, cancellationToken);
            if (last != index.LastSeq && attempt < Attempts)
            {
                // Someone else recorded since the index was read: check again against their nodes.
                continue;
            }

            var seqOf = await ExternalParentSeqsAsync(db, check.Ordered, cancellationToken);
            var now = time.GetUtcNow();
            foreach (var node in check.Ordered)
            {
                var seq = ++last;
                seqOf[node.Id] = seq;
                db.LineageNodes.Add(new LineageNodeRow
                {
                    Seq = seq,
                    Id = node.Id.Value,
                    TenantId = node.Tenant?.Value,
                    Kind = LineageNodeKinds.Name(node.Kind),
                    Label = node.Label.Trim(),
                    Reference = node.Reference,
                    Attributes = node.Attributes,
                    RecordedAt = now,
                });
                for (var ordinal = 0; ordinal < node.Parents.Count; ordinal++)
                {
                    var link = node.Parents[ordinal];
                    db.LineageEdges.Add(new LineageEdgeRow
                    {
                        ChildSeq = seq,
                        Ordinal = ordinal,
                        ParentSeq = seqOf[link.Parent],
                        Weight = link.Weight,
                        Role = EdgeRoles.Name(link.Role),
                    });
                }
            }

            var records = check.Ordered.GroupBy(n => n.Tenant).Select(g => new AuditRecord(g.Key?.Value, auditKind, $"{g.Count()} node(s)",
                new { nodes = g.Select(n => new { id = n.Id.Value, kind = LineageNodeKinds.Name(n.Kind), parents = n.Parents.Select(p => new { id = p.Parent.Value, p.Weight, role = EdgeRoles.Name(p.Role) }) }) }));
            var head = await audit.StageAsync(db, records, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another writer took the same sequence numbers between our read and our write.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), time, cancellationToken);
                continue;
            }

            await audit.AnchorAsync(head!, cancellationToken);
            await IndexAsync(cancellationToken);
            return new LineageRecordOutcome([.. check.Ordered.Select(n => n.Id)], []);
        }
    }

    /// <summary>The sequence numbers of every parent recorded before this batch, in one query per 500 (a query per edge made engine runs pay per node).</summary>
    private static async Task<Dictionary<LineageNodeId, long>> ExternalParentSeqsAsync(TaktDbContext db, IReadOnlyList<LineageNodeDraft> batch, CancellationToken cancellationToken)
    {
        var inBatch = batch.Select(n => n.Id).ToHashSet();
        var wanted = batch.SelectMany(n => n.Parents).Select(p => p.Parent).Where(p => !inBatch.Contains(p)).Distinct().Select(p => p.Value).ToList();
        var seqs = new Dictionary<LineageNodeId, long>(wanted.Count + batch.Count);
        foreach (var chunk in wanted.Chunk(500))
        {
            var rows = await db.LineageNodes.IgnoreQueryFilters().AsNoTracking().Where(n => chunk.Contains(n.Id)).Select(n => new { n.Id, n.Seq }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                seqs[new LineageNodeId(row.Id)] = row.Seq;
            }
        }

        return seqs;
    }

    private async Task<HashSet<Guid>> SharedPoolTenantsAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        return [.. await db.Tenants.AsNoTracking().Where(t => t.SharedPool).Select(t => t.Id).ToListAsync(cancellationToken)];
    }

    public void Dispose()
    {
        _gate.Dispose();
        _appends.Dispose();
        _index?.Dispose();
    }
}
