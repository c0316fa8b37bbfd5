using Microsoft.EntityFrameworkCore;
using Takt.Archive.Assets;
using Takt.Archive.Rights;
using Takt.Domain.Consent;
using Takt.Domain.Datasets;
using Takt.Domain.Tenancy;
using Takt.Persistence;
using Takt.Persistence.Archive;

namespace Takt.Archive.Datasets;

/// <summary>
/// Finds the images a recipe selects and decides consent for each, for the recipe's purpose and on
/// behalf of its tenant (or the shared pool), at one moment. Only still images are candidates;
/// layered containers are represented by their layers.
/// </summary>
public static class DatasetSelector
{
    private static readonly string[] NotSamples = ["image/openraster", "image/vnd.adobe.photoshop"];

    public static async Task<TenantScope> ScopeAsync(TaktDbContext db, DatasetRecipe recipe, CancellationToken cancellationToken)
    {
        if (recipe.IsSharedPool)
        {
            return TenantScope.SharedPool;
        }

        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == recipe.Tenant, cancellationToken)
            ?? throw new DatasetRecipeException($"'tenant': no tenant '{recipe.Tenant}' in this workspace (use a tenant slug, or \"shared-pool\")");
        return TenantScope.Own(new TenantId(tenant.Id));
    }

    /// <summary>Every selected image in archive order (path), with its decision; <paramref name="extraKinds"/> are selected too (conditioning partners).</summary>
    public static async Task<IReadOnlyList<DatasetCandidate>> SelectAsync(
        TaktDbContext db, DatasetRecipe recipe, TenantScope scope, DateTimeOffset at, IReadOnlyCollection<string> extraKinds, CancellationToken cancellationToken)
    {
        var selection = recipe.Selection;
        var query = PlacedAsset.Query(db).AsNoTracking()
            .Where(x => x.Asset.MediaType.StartsWith("image/") && !NotSamples.Contains(x.Asset.MediaType));

        if (scope.Tenant is { } own)
        {
            query = query.Where(x => x.Asset.TenantId == own.Value);
        }

        if (selection.Projects.Count > 0)
        {
            query = query.Where(x => selection.Projects.Contains(x.Project));
        }

        if (selection.Scenes.Count > 0)
        {
            query = query.Where(x => x.Scene != null && selection.Scenes.Contains(x.Scene));
        }

        if (selection.LayerKinds.Count > 0)
        {
            var kinds = selection.LayerKinds.Concat(extraKinds).ToArray();
            query = query.Where(x => kinds.Contains(x.Asset.LayerKind));
        }

        var rows = await query.ToListAsync(cancellationToken);
        rows = rows
            .Where(x => selection.Cuts.Count == 0 || (x.Cut is not null && (selection.Cuts.Contains(x.Cut) || selection.Cuts.Contains($"{x.Scene}/{x.Cut}"))))
            .Where(x => selection.Tags.Count == 0 || extraKinds.Contains(x.Asset.LayerKind) || Tags(x.Asset).Any(selection.Tags.Contains))
            .OrderBy(x => x.Tenant, StringComparer.Ordinal).ThenBy(x => x.Project, StringComparer.Ordinal)
            .ThenBy(x => x.Asset.OriginalPath, StringComparer.Ordinal).ThenBy(x => x.Asset.Id)
            .ToList();

        var workIds = rows.Select(x => x.Asset.WorkId).Distinct().ToArray();
        var tenantIds = rows.Select(x => x.Asset.TenantId).Distinct().ToArray();
        var works = await db.Works.AsNoTracking().Where(w => workIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        var tenants = await db.Tenants.AsNoTracking().Where(t => tenantIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var grants = (await db.ConsentGrants.AsNoTracking().Where(g => workIds.Contains(g.WorkId)).ToListAsync(cancellationToken))
            .OrderBy(g => g.RecordedAt).ToLookup(g => g.WorkId);
        var revocations = (await db.Revocations.AsNoTracking().Where(r => workIds.Contains(r.WorkId)).ToListAsync(cancellationToken))
            .OrderBy(r => r.RecordedAt).ToLookup(r => r.WorkId);

        return rows.Select(x =>
        {
            var work = works[x.Asset.WorkId];
            var subject = RightsMapping.Subject(x.Asset, work, tenants[x.Asset.TenantId], grants[work.Id], revocations[work.Id]);
            return new DatasetCandidate(x.Asset, ConsentPolicy.Decide(subject, recipe.Purpose, scope, at));
        }).ToList();
    }

    public static IEnumerable<string> Tags(AssetRow asset) =>
        (asset.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

}
