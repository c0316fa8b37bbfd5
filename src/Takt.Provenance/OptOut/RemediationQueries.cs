using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Domain.Lineage;
using Takt.Persistence;
using Takt.Provenance.Lineage;

namespace Takt.Provenance.OptOut;

/// <summary>Lists remediation items and closes them against a verified replacement.</summary>
public sealed class RemediationQueries(TaktContextFactory contexts, LineageStore store, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<RemediationView>> ListAsync(Guid? tenant, string? state, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var now = time.GetUtcNow();
        var rows = await (
            from i in db.RemediationItems.AsNoTracking()
            join r in db.Revocations.AsNoTracking().IgnoreQueryFilters() on i.RevocationId equals r.Id
            join w in db.Works.AsNoTracking().IgnoreQueryFilters() on r.WorkId equals w.Id
            join n in db.LineageNodes.AsNoTracking().IgnoreQueryFilters() on i.NodeId equals n.Id
            where tenant == null || i.TenantId == tenant
            select new { i, Work = w.Title, n.Label }).ToListAsync(cancellationToken);
        return [.. rows
            .Select(x => View(x.i, x.Work, x.Label, now))
            .Where(v => state is null || v.State == state)
            .OrderBy(v => v.Deadline).ThenBy(v => v.NodeKind, StringComparer.Ordinal).ThenBy(v => v.Id)];
    }

    /// <summary>
    /// Marks an item done, linked to <paramref name="replacement"/>: a recorded node of the same
    /// kind and tenant, not itself invalidated, with no path to any asset of the revoked work.
    /// </summary>
    public async Task<RemediationOutcome> ResolveAsync(string itemRef, LineageNodeId replacement, CancellationToken cancellationToken)
    {
        var index = await store.IndexAsync(cancellationToken);
        await using var db = contexts.Create();
        var text = itemRef.Trim().ToLowerInvariant();
        var candidates = (await db.RemediationItems.ToListAsync(cancellationToken)).Where(i => i.Id.ToString("D").StartsWith(text, StringComparison.Ordinal)).ToList();
        if (candidates.Count != 1 || text.Length < 4)
        {
            return new(null, candidates.Count == 0 || text.Length < 4 ? $"no remediation item '{itemRef}'" : $"'{itemRef}' matches {candidates.Count} items; give more of the id");
        }

        var item = candidates[0];
        if (item.State == RemediationActions.Done)
        {
            return new(null, $"item {item.Id} is already done (replaced by {item.ReplacementNodeId})");
        }

        if (!index.TryFind(replacement, out var node) || !index.TryFind(new LineageNodeId(item.NodeId), out var original))
        {
            return new(null, $"replacement {replacement} is not recorded in the lineage graph");
        }

        if (LineageNodeKinds.Name(index.KindOf(node)) != item.NodeKind || index.TenantOf(node) != index.TenantOf(original))
        {
            return new(null, $"the replacement must be a {item.NodeKind} of the same tenant as the node it replaces");
        }

        if (await db.LineageInvalidations.AnyAsync(i => i.NodeId == replacement.Value, cancellationToken))
        {
            return new(null, $"replacement {replacement} is itself invalidated by an opt-out");
        }

        var revocation = await db.Revocations.IgnoreQueryFilters().SingleAsync(r => r.Id == item.RevocationId, cancellationToken);
        foreach (var asset in await OptOutService.AssetNodesAsync(db, index, revocation.WorkId, cancellationToken))
        {
            if (index.Reaches(node, asset))
            {
                return new(null, $"replacement {replacement} still derives from revoked asset {index.IdOf(asset)}");
            }
        }

        var now = time.GetUtcNow();
        item.State = RemediationActions.Done;
        item.ReplacementNodeId = replacement.Value;
        item.ResolvedAt = now;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var head = await audit.StageAsync(db, [new AuditRecord(item.TenantId, "lineage.remediated", item.Id.ToString(), new { node = item.NodeId, replacement = replacement.Value, item.Action })], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        await audit.AnchorAsync(head!, cancellationToken);

        var work = await db.Works.IgnoreQueryFilters().Where(w => w.Id == revocation.WorkId).Select(w => w.Title).SingleAsync(cancellationToken);
        var label = await db.LineageNodes.IgnoreQueryFilters().Where(n => n.Id == item.NodeId).Select(n => n.Label).SingleAsync(cancellationToken);
        return new(View(item, work, label, now), null);
    }

    private static RemediationView View(Persistence.Lineage.RemediationItemRow i, string work, string label, DateTimeOffset now) =>
        new(i.Id, i.RevocationId, work, i.NodeId, i.NodeKind, label, i.Action, i.FromScratch, i.Deadline,
            i.State == RemediationActions.Pending && now > i.Deadline ? RemediationActions.Overdue : i.State,
            i.ReplacementNodeId, i.ResolvedAt);
}
