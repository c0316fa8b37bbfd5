using Microsoft.EntityFrameworkCore;
using Takt.Archive.Rights;
using Takt.Persistence;

namespace Takt.Archive.Assets;

/// <summary>Read-side views of the archive for listings and asset pages.</summary>
public sealed class AssetQueries(TaktContextFactory contexts, TimeProvider time)
{
    public async Task<(IReadOnlyList<AssetSummary> Page, int Total)> ListAsync(AssetFilter filter, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var query = PlacedAsset.Query(db).AsNoTracking();

        if (filter.Tenant is { } tenant)
        {
            query = query.Where(x => x.Tenant == tenant);
        }

        if (filter.Project is { } project)
        {
            query = query.Where(x => x.Project == project);
        }

        if (filter.Scene is { } scene)
        {
            query = query.Where(x => x.Scene == scene);
        }

        if (filter.Cut is { } cut)
        {
            query = query.Where(x => x.Cut == cut);
        }

        if (filter.LayerKind is { } kind)
        {
            query = query.Where(x => x.Asset.LayerKind == kind);
        }

        var total = await query.CountAsync(cancellationToken);
        var page = await query
            .OrderBy(x => x.Tenant).ThenBy(x => x.Project).ThenBy(x => x.Asset.OriginalPath)
            .Skip(filter.Offset).Take(filter.Limit)
            .Select(x => new AssetSummary(x.Asset.Id, x.Tenant, x.Project, x.Scene, x.Cut, x.Asset.LayerKind, x.Asset.Name, x.Asset.MediaType, x.Asset.Width, x.Asset.Height, x.Asset.BitDepth, x.Asset.Sha256, x.Asset.ContainerId))
            .ToListAsync(cancellationToken);
        return (page, total);
    }

    /// <summary>The top-level asset of a work (the file itself, not one of its layers).</summary>
    public async Task<Guid?> FindByWorkKeyAsync(string tenant, string workKey, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        return await (
            from a in db.Assets.AsNoTracking()
            join w in db.Works on a.WorkId equals w.Id
            join t in db.Tenants on a.TenantId equals t.Id
            where t.Slug == tenant && w.Key == workKey && a.ContainerId == null
            orderby a.IngestedAt
            select (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<(AssetDetails? Details, string? Problem)> ShowAsync(string reference, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var (context, problem) = await ConsentService.LoadAsync(db, reference, cancellationToken);
        if (context is null)
        {
            return (null, problem);
        }

        var a = context.Asset;
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == a.ProjectId).Select(p => p.Slug).FirstAsync(cancellationToken);
        var scene = a.SceneId is { } sid ? await db.Scenes.AsNoTracking().Where(s => s.Id == sid).Select(s => s.Slug).FirstAsync(cancellationToken) : null;
        var cut = a.CutId is { } cid ? await db.Cuts.AsNoTracking().Where(c => c.Id == cid).Select(c => c.Slug).FirstAsync(cancellationToken) : null;
        var people = await db.Contributors.AsNoTracking().Where(c => c.TenantId == a.TenantId).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var holders = await db.Works.AsNoTracking().Where(w => w.Id == a.WorkId).SelectMany(w => w.RightsHolders).Select(h => h.ContributorId).ToListAsync(cancellationToken);
        var layers = await db.Assets.AsNoTracking().CountAsync(x => x.ContainerId == a.Id, cancellationToken);
        return (new AssetDetails
        {
            Summary = new AssetSummary(a.Id, context.Tenant.Slug, project, scene, cut, a.LayerKind, a.Name, a.MediaType, a.Width, a.Height, a.BitDepth, a.Sha256, a.ContainerId),
            Asset = a,
            Work = context.Work,
            Author = context.Work.AuthorId is { } author ? people.GetValueOrDefault(author) : null,
            RightsHolders = holders.Select(h => people.GetValueOrDefault(h) ?? h.ToString()).ToList(),
            LayerCount = layers,
            Consent = ConsentService.RecordOf(context, time.GetUtcNow()),
        }, null);
    }
}
