using Takt.Persistence;
using Takt.Persistence.Archive;

namespace Takt.Archive.Assets;

/// <summary>An asset with the slugs of where it sits: tenant, project, scene and cut (the last two may be absent).</summary>
public sealed class PlacedAsset
{
    public required AssetRow Asset { get; init; }

    public required string Tenant { get; init; }

    public required string Project { get; init; }

    public string? Scene { get; init; }

    public string? Cut { get; init; }

    /// <summary>Every asset with its place, as one query that later filters still translate to SQL.</summary>
    public static IQueryable<PlacedAsset> Query(TaktDbContext db) =>
        from a in db.Assets
        join t in db.Tenants on a.TenantId equals t.Id
        join p in db.Projects on a.ProjectId equals p.Id
        join s in db.Scenes on a.SceneId equals s.Id into scenes
        from s in scenes.DefaultIfEmpty()
        join c in db.Cuts on a.CutId equals c.Id into cuts
        from c in cuts.DefaultIfEmpty()
        select new PlacedAsset { Asset = a, Tenant = t.Slug, Project = p.Slug, Scene = s == null ? null : s.Slug, Cut = c == null ? null : c.Slug };
}
