using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Domain.Lineage;
using Takt.Domain.Rights;
using Takt.Persistence;
using Takt.Persistence.Consent;
using Takt.Persistence.Lineage;
using Takt.Provenance.Lineage;

namespace Takt.Provenance.OptOut;

/// <summary>
/// Turns revocations into consequences in the graph: every affected dataset, model and output is
/// marked invalidated (PROV wasInvalidatedBy; nothing is deleted) and gets a remediation item
/// due by the revocation's deadline. An item is done only when a replacement node is named that
/// provably has no path to the revoked work. Applying is idempotent and catches up on nodes
/// recorded since, so it can run after every revocation and before every status report.
/// </summary>
public sealed class OptOutService(TaktContextFactory contexts, LineageStore store, AuditLog audit, TimeProvider time)
{
    public async Task<OptOutApplication> ApplyAsync(CancellationToken cancellationToken)
    {
        // Assets not yet in the graph have nothing derived from them: no archive sync is needed here.
        var index = await store.IndexAsync(cancellationToken);
        await using var db = contexts.Create();
        var revocations = await db.Revocations.AsNoTracking().OrderBy(r => r.RecordedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var invalidated = (await db.LineageInvalidations.AsNoTracking().Select(i => new { i.NodeId, i.RevocationId }).ToListAsync(cancellationToken))
            .Select(i => (i.NodeId, i.RevocationId)).ToHashSet();
        var itemised = (await db.RemediationItems.AsNoTracking().Select(i => new { i.NodeId, i.RevocationId }).ToListAsync(cancellationToken))
            .Select(i => (i.NodeId, i.RevocationId)).ToHashSet();

        var now = time.GetUtcNow();
        var records = new List<AuditRecord>();
        var (newInvalidations, newItems) = (0, 0);
        foreach (var revocation in revocations)
        {
            var affected = await AffectedAsync(db, index, revocation, cancellationToken);
            var (before, itemsBefore) = (newInvalidations, newItems);
            foreach (var node in affected)
            {
                var id = index.IdOf(node).Value;
                var tenant = index.TenantOf(node)?.Value;
                if (invalidated.Add((id, revocation.Id)))
                {
                    db.LineageInvalidations.Add(new LineageInvalidationRow { Id = Guid.CreateVersion7(), NodeId = id, TenantId = tenant, RevocationId = revocation.Id, InvalidatedAt = now });
                    newInvalidations++;
                }

                var kind = index.KindOf(node);
                var isMerge = kind == LineageNodeKind.Model && index.ParentsOf(node).ToArray().Any(p => index.KindOf(p) == LineageNodeKind.Model);
                if (RemediationActions.For(kind, isMerge, index.ChildrenOf(node).Count > 0) is { } action && itemised.Add((id, revocation.Id)))
                {
                    db.RemediationItems.Add(new RemediationItemRow
                    {
                        Id = Guid.CreateVersion7(),
                        TenantId = tenant,
                        RevocationId = revocation.Id,
                        NodeId = id,
                        NodeKind = LineageNodeKinds.Name(kind),
                        Action = action,
                        FromScratch = revocation.RetrainFromScratch && kind == LineageNodeKind.Model,
                        Deadline = revocation.RemovalDeadline,
                        State = RemediationActions.Pending,
                        CreatedAt = now,
                    });
                    newItems++;
                }
            }

            if (newInvalidations > before || newItems > itemsBefore)
            {
                records.Add(new AuditRecord(revocation.TenantId, "lineage.invalidated", revocation.Id.ToString(),
                    new { work = revocation.WorkId, invalidated = newInvalidations - before, items = newItems - itemsBefore, deadline = revocation.RemovalDeadline }));
            }
        }

        if (records.Count > 0)
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var head = await audit.StageAsync(db, records, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            await audit.AnchorAsync(head!, cancellationToken);
        }

        return new OptOutApplication(revocations.Count, newInvalidations, newItems);
    }

    /// <summary>
    /// What a revocation reaches: withdrawing a training purpose reaches everything downstream of
    /// the datasets holding the work; withdrawing reference use reaches everything that used the
    /// work directly (as a reference, an edited input, a cut). Credits display alone reaches nothing.
    /// </summary>
    internal static async Task<IReadOnlyList<int>> AffectedAsync(TaktDbContext db, LineageIndex index, RevocationRow revocation, CancellationToken cancellationToken)
    {
        var purposes = revocation.Purposes.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Purposes.TryParse(p, out var purpose) ? purpose : (Purpose?)null).OfType<Purpose>().ToList();
        var training = purposes.Any(p => p.IsTraining());
        var reference = purposes.Contains(Purpose.ReferenceUse);
        if (!training && !reference)
        {
            return [];
        }

        var starts = new List<int>();
        foreach (var asset in await AssetNodesAsync(db, index, revocation.WorkId, cancellationToken))
        {
            starts.AddRange(index.ChildrenOf(asset).Where(c => index.KindOf(c) == LineageNodeKind.Dataset ? training : reference));
        }

        return [.. starts.Distinct().Concat(index.Downstream(starts)).Distinct()];
    }

    internal static async Task<IReadOnlyList<int>> AssetNodesAsync(TaktDbContext db, LineageIndex index, Guid workId, CancellationToken cancellationToken)
    {
        var assets = await db.Assets.AsNoTracking().IgnoreQueryFilters().Where(a => a.WorkId == workId).Select(a => a.Id).ToListAsync(cancellationToken);
        return [.. assets.Select(a => index.TryFind(new LineageNodeId(a), out var n) ? n : -1).Where(n => n >= 0)];
    }
}
