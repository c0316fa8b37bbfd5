using Microsoft.EntityFrameworkCore;
using Takt.Domain.Lineage;
using Takt.Persistence;

namespace Takt.Provenance.Lineage;

/// <summary>
/// Questions asked of the graph: attribution, impact, a node's neighbourhood. Answered from the
/// index; the tables supply only labels. With a tenant, the walk stops at the tenant's boundary
/// (the shared pool's nodes are named, its contributors are not) and no other tenant's node is
/// returned; without one it is the operator's view of everything.
/// </summary>
public sealed partial class LineageQueries(TaktContextFactory contexts, LineageStore store)
{
    public async Task<AttributionReport?> AttributeAsync(LineageNodeId id, AttributionGrouping by, int explain, Guid? tenant, CancellationToken cancellationToken)
    {
        var index = await store.IndexAsync(cancellationToken);
        if (!index.TryFind(id, out var node) || !Visible(index, node, tenant))
        {
            return null;
        }

        bool Outside(int n) => tenant is { } t && index.TenantOf(n)?.Value != t;
        Func<int, bool>? isSource = by == AttributionGrouping.Asset
            ? n => index.KindOf(n) == LineageNodeKind.Asset || Outside(n)
            : tenant is null ? null : Outside;
        var shares = index.Attribute(node, isSource);
        var paths = explain > 0 ? index.HeaviestPaths(node, explain, isSource) : [];

        var wanted = shares.Select(s => s.Node).Concat(paths.SelectMany(p => p.Nodes)).Append(node).Distinct().ToList();
        var labels = await SummariesAsync(index, wanted, cancellationToken);
        var sources = shares.Select(s => new SourceShare(labels[s.Node], Views.SourceOf(index.KindOf(s.Node), Outside(s.Node)), s.Share)).ToList();
        var tenants = await TenantSharesAsync(index, shares, Outside, cancellationToken);
        return new AttributionReport(labels[node], by, by == AttributionGrouping.Tenant ? [] : sources, tenants,
            [.. paths.Select(p => new PathView([.. p.Nodes.Select(n => labels[n])], p.Weight))], shares.Sum(s => s.Share));
    }

    /// <summary>Everything downstream of the given nodes, grouped by kind.</summary>
    public async Task<ImpactReport?> ImpactAsync(IReadOnlyCollection<LineageNodeId> targets, Guid? tenant, CancellationToken cancellationToken)
    {
        var index = await store.IndexAsync(cancellationToken);
        var starts = new List<int>();
        foreach (var id in targets)
        {
            if (index.TryFind(id, out var n) && Visible(index, n, tenant))
            {
                starts.Add(n);
            }
        }

        if (starts.Count == 0 && targets.Count > 0)
        {
            return null;
        }

        var downstream = index.Downstream(starts);
        var shown = downstream.Where(n => Visible(index, n, tenant)).ToList();
        var labels = await SummariesAsync(index, [.. shown, .. starts], cancellationToken);
        var byKind = shown.GroupBy(index.KindOf).OrderBy(g => g.Key)
            .ToDictionary(g => LineageNodeKinds.Name(g.Key), g => (IReadOnlyList<NodeSummary>)[.. g.Select(n => labels[n])]);
        return new ImpactReport([.. starts.Select(n => labels[n])], byKind, shown.Count, downstream.Count - shown.Count);
    }

    public async Task<NodeView?> ShowAsync(LineageNodeId id, Guid? tenant, CancellationToken cancellationToken)
    {
        var index = await store.IndexAsync(cancellationToken);
        if (!index.TryFind(id, out var node) || !Visible(index, node, tenant))
        {
            return null;
        }

        await using var db = contexts.Create();
        var row = await db.LineageNodes.AsNoTracking().SingleAsync(n => n.Id == id.Value, cancellationToken);
        var edges = await db.LineageEdges.AsNoTracking().Where(e => e.ChildSeq == row.Seq).OrderBy(e => e.Ordinal).ToListAsync(cancellationToken);
        var children = index.ChildrenOf(node).Where(c => Visible(index, c, tenant)).ToList();
        var parents = index.ParentsOf(node).ToArray();
        var labels = await SummariesAsync(index, [.. parents, .. children.Take(100), node], cancellationToken);
        var invalidations = await db.LineageInvalidations.AsNoTracking().Where(i => i.NodeId == id.Value).Select(i => i.RevocationId).ToListAsync(cancellationToken);
        // A shared-pool node's parents may be other tenants' works: show them to their owners only.
        var shown = parents.Select((p, i) => (Node: p, Edge: edges[i])).Where(p => Visible(index, p.Node, tenant)).ToList();
        return new NodeView(labels[node], row.RecordedAt, row.Attributes,
            [.. shown.Select(p => new ParentView(labels[p.Node], p.Edge.Weight, p.Edge.Role))],
            [.. children.Take(100).Select(c => labels[c])], children.Count, invalidations, parents.Length - shown.Count);
    }

    /// <summary>A tenant sees its own nodes and the shared pool's; the operator (null) sees all.</summary>
    internal static bool Visible(LineageIndex index, int node, Guid? tenant) =>
        tenant is not { } t || index.TenantOf(node) is not { } owner || owner.Value == t;

    internal async Task<Dictionary<int, NodeSummary>> SummariesAsync(LineageIndex index, IReadOnlyCollection<int> nodes, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, NodeSummary>();
        await using var db = contexts.Create();
        foreach (var chunk in nodes.Distinct().Chunk(500))
        {
            var ids = chunk.Select(n => index.IdOf(n).Value).ToList();
            var rows = await db.LineageNodes.AsNoTracking().IgnoreQueryFilters().Where(n => ids.Contains(n.Id))
                .Select(n => new NodeSummary(n.Id, n.Kind, n.Label, n.TenantId, n.Reference)).ToDictionaryAsync(n => n.Id, cancellationToken);
            foreach (var n in chunk)
            {
                result[n] = rows[index.IdOf(n).Value];
            }
        }

        return result;
    }

    private async Task<List<TenantShare>> TenantSharesAsync(LineageIndex index, IReadOnlyList<AttributionShare> shares, Func<int, bool> outside, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var slugs = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Slug, cancellationToken);
        return [.. shares.GroupBy(s => outside(s.Node) ? null : index.TenantOf(s.Node)?.Value)
            .Select(g => new TenantShare(g.Key, g.Key is { } t ? slugs.GetValueOrDefault(t, t.ToString()) : "shared-pool", g.Sum(s => s.Share)))
            .OrderByDescending(t => t.Share).ThenBy(t => t.Tenant, StringComparer.Ordinal)];
    }
}
