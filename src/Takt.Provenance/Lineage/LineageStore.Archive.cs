using Microsoft.EntityFrameworkCore;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;

namespace Takt.Provenance.Lineage;

public sealed partial class LineageStore
{
    /// <summary>
    /// Brings archive contributors and assets into the graph as its roots, once each: an asset
    /// node derives from its work's rights holders in equal shares. Returns how many were added.
    /// </summary>
    public async Task<int> SyncArchiveAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var contributors = await db.Contributors.AsNoTracking()
            .Where(c => !db.LineageNodes.IgnoreQueryFilters().Any(n => n.Id == c.Id))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.TenantId, c.Name, c.Key })
            .ToListAsync(cancellationToken);
        var assets = await db.Assets.AsNoTracking()
            .Where(a => !db.LineageNodes.IgnoreQueryFilters().Any(n => n.Id == a.Id))
            .OrderBy(a => a.IngestedAt).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.TenantId, a.Name, a.Sha256, Holders = db.Set<Persistence.Archive.WorkRightsHolderRow>().Where(h => h.WorkId == a.WorkId).Select(h => h.ContributorId).ToList() })
            .ToListAsync(cancellationToken);

        var batch = new List<LineageNodeDraft>(contributors.Count + assets.Count);
        batch.AddRange(contributors.Select(c => new LineageNodeDraft(new LineageNodeId(c.Id), LineageNodeKind.Contributor, new TenantId(c.TenantId), c.Name, [], Reference: c.Key)));
        batch.AddRange(assets.Select(a => new LineageNodeDraft(
            new LineageNodeId(a.Id), LineageNodeKind.Asset, new TenantId(a.TenantId), a.Name,
            a.Holders.Count == 0 ? [] : LineageWeights.ForAsset(a.Holders.Order().Select(h => new LineageNodeId(h))),
            Reference: $"sha256:{a.Sha256}")));
        if (batch.Count == 0)
        {
            return 0;
        }

        var outcome = await AppendAsync(batch, "lineage.archive-synced", cancellationToken);
        return outcome.Succeeded
            ? outcome.Recorded.Count
            : throw new InvalidOperationException($"the archive could not be brought into the lineage graph: {string.Join("; ", outcome.Problems.Take(5))}");
    }
}
