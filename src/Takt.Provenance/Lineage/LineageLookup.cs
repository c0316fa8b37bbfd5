using Microsoft.EntityFrameworkCore;
using Takt.Domain.Lineage;
using Takt.Persistence;

namespace Takt.Provenance.Lineage;

/// <summary>
/// Turns what people type into lineage nodes: a full id or an unambiguous start or end of one
/// (as assets are found), a contributor's key, a tenant's slug, a revocation. Every look-up
/// keeps to what the tenant (null: the operator) may see. Outcomes are values: the node, or a
/// sentence saying what to fix.
/// </summary>
public sealed class LineageLookup(TaktContextFactory contexts, LineageStore store)
{
    public const int MinimumPrefix = 6;

    public async Task<(LineageNodeId? Node, string? Problem)> NodeAsync(string reference, Guid? tenant, CancellationToken cancellationToken)
    {
        var text = reference.Trim().ToLowerInvariant();
        var index = await store.IndexAsync(cancellationToken);
        if (Guid.TryParse(text, out var id))
        {
            return index.TryFind(new LineageNodeId(id), out var node) && LineageQueries.Visible(index, node, tenant)
                ? (new LineageNodeId(id), null)
                : (null, await NotInGraphAsync(id, reference, tenant, cancellationToken));
        }

        if (!LooksLikeId(text))
        {
            return (null, $"'{reference}' is not a node id (a GUID, or at least {MinimumPrefix} of its first or last characters)");
        }

        // A scan over the index's ids, formatted into one stack buffer: no allocation per node.
        var matches = new List<LineageNodeId>(2);
        Span<char> buffer = stackalloc char[36];
        for (var n = 0; n < index.NodeCount && matches.Count < 2; n++)
        {
            var candidate = index.IdOf(n);
            candidate.Value.TryFormat(buffer, out _, "D");
            if ((buffer.StartsWith(text, StringComparison.Ordinal) || buffer.EndsWith(text, StringComparison.Ordinal)) && LineageQueries.Visible(index, n, tenant))
            {
                matches.Add(candidate);
            }
        }

        return matches.Count switch
        {
            0 => (null, $"no lineage node id starts or ends with '{reference}'"),
            > 1 => (null, $"'{reference}' matches several lineage nodes; give more characters"),
            _ => (matches[0], null),
        };
    }

    /// <summary>A contributor node by the contributor's key (unique per tenant) or by its node id.</summary>
    public async Task<(LineageNodeId? Node, string? Problem)> ContributorAsync(string key, Guid? tenant, CancellationToken cancellationToken)
    {
        var text = key.Trim();
        await using var db = contexts.Create(new TenantScopeFilter(tenant));
        var kind = LineageNodeKinds.Name(LineageNodeKind.Contributor);
        var found = await db.LineageNodes.AsNoTracking()
            .Where(n => n.Kind == kind && n.Reference == text && n.TenantId != null)
            .Select(n => new { n.Id, n.TenantId }).ToListAsync(cancellationToken);
        if (tenant is { } t)
        {
            found = [.. found.Where(f => f.TenantId == t)];
        }

        if (found.Count == 1)
        {
            return (new LineageNodeId(found[0].Id), null);
        }

        if (found.Count > 1)
        {
            var owners = found.Select(f => f.TenantId!.Value).ToList();
            var slugs = await db.Tenants.AsNoTracking().Where(x => owners.Contains(x.Id)).Select(x => x.Slug).OrderBy(x => x).ToListAsync(cancellationToken);
            return (null, $"contributor key '{text}' names contributors of several tenants ({string.Join(", ", slugs)}); add --tenant");
        }

        var inArchive = await db.Contributors.AsNoTracking().AnyAsync(c => c.Key == text && (tenant == null || c.TenantId == tenant), cancellationToken);
        return (null, inArchive
            ? $"contributor '{text}' is in the archive but not yet in the lineage graph: run 'takt lineage sync'"
            : $"no contributor with key '{text}'{(tenant is null ? "" : " in this tenant")}");
    }

    /// <summary>A tenant by slug; null slug is the operator's view (no tenant).</summary>
    public async Task<(Guid? Tenant, string? Problem)> TenantAsync(string? slug, CancellationToken cancellationToken)
    {
        if (slug is null)
        {
            return (null, null);
        }

        if (slug == "shared-pool")
        {
            return (null, "--tenant takes a tenant's slug; the shared pool's nodes are visible from every tenant and from the operator's view");
        }

        await using var db = contexts.Create();
        var id = await db.Tenants.AsNoTracking().Where(t => t.Slug == slug).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? (null, $"no tenant '{slug}'") : (id, null);
    }

    /// <summary>A revocation by id or an unambiguous start or end of it, with the lineage nodes of its work's assets.</summary>
    public async Task<(RevocationTargets? Targets, string? Problem)> RevocationAsync(string reference, Guid? tenant, CancellationToken cancellationToken)
    {
        var text = reference.Trim().ToLowerInvariant();
        if (!Guid.TryParse(text, out _) && !LooksLikeId(text))
        {
            return (null, $"'{reference}' is not a revocation id (a GUID, or at least {MinimumPrefix} of its first or last characters)");
        }

        await using var db = contexts.Create(new TenantScopeFilter(tenant));
        var ids = await db.Revocations.AsNoTracking().Select(r => r.Id).ToListAsync(cancellationToken);
        var matches = ids.Where(i => i.ToString("D") == text || i.ToString("D").StartsWith(text, StringComparison.Ordinal) || i.ToString("D").EndsWith(text, StringComparison.Ordinal)).Take(2).ToList();
        if (matches.Count != 1)
        {
            return (null, matches.Count == 0 ? $"no revocation {reference}" : $"'{reference}' matches several revocations; give more characters");
        }

        var revocation = await db.Revocations.AsNoTracking().SingleAsync(r => r.Id == matches[0], cancellationToken);
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == revocation.WorkId, cancellationToken);
        var assets = await WorkAssetsAsync(revocation.WorkId, tenant, cancellationToken);
        return (new RevocationTargets(revocation.Id, work.Id, work.Key, work.Title, revocation.EffectiveAt, assets), null);
    }

    /// <summary>The lineage nodes of a work's assets (a layered file's layers included) that the graph holds.</summary>
    public async Task<IReadOnlyList<LineageNodeId>> WorkAssetsAsync(Guid work, Guid? tenant, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create(new TenantScopeFilter(tenant));
        var assets = await db.Assets.AsNoTracking().Where(a => a.WorkId == work).OrderBy(a => a.IngestedAt).ThenBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        var index = await store.IndexAsync(cancellationToken);
        return [.. assets.Select(a => new LineageNodeId(a)).Where(a => index.TryFind(a, out _))];
    }

    /// <summary>Whether text could be a node id or an unambiguous start or end of one.</summary>
    public static bool LooksLikeId(string text) =>
        text.Length >= MinimumPrefix && text.Length <= 36 && text.All(c => char.IsAsciiHexDigit(c) || c == '-');

    private async Task<string> NotInGraphAsync(Guid id, string reference, Guid? tenant, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create(new TenantScopeFilter(tenant));
        var archived = await db.Assets.AsNoTracking().AnyAsync(a => a.Id == id, cancellationToken)
            || await db.Contributors.AsNoTracking().AnyAsync(c => c.Id == id, cancellationToken);
        return archived
            ? $"{reference} is in the archive but not yet in the lineage graph: run 'takt lineage sync'"
            : $"no lineage node {reference}";
    }
}
