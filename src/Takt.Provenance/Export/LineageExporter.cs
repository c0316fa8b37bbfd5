using Microsoft.EntityFrameworkCore;
using Takt.Domain.Lineage;
using Takt.Persistence;
using Takt.Provenance.Lineage;

namespace Takt.Provenance.Export;

/// <summary>
/// Reads the subgraph around a node for export: the walk runs over the in-memory index, the
/// tables supply labels, roles and invalidations. With a tenant, the walk keeps to what that
/// tenant may see — its own nodes and the shared pool's — and, going up, stops at the shared
/// pool's nodes as attribution does, so another tenant's node is never exported.
/// </summary>
public sealed class LineageExporter(TaktContextFactory contexts, LineageStore store)
{
    private const int Chunk = 500;

    /// <returns>The subgraph, or null when the node is unknown or not visible to the tenant.</returns>
    public async Task<LineageSubgraph?> ReadAsync(LineageNodeId root, LineageExportDirection direction, Guid? tenant, CancellationToken cancellationToken)
    {
        var index = await store.IndexAsync(cancellationToken);
        if (!index.TryFind(root, out var start) || !LineageQueries.Visible(index, start, tenant))
        {
            return null;
        }

        var members = Collect(index, start, direction, tenant);
        await using var db = contexts.Create();
        var slugs = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Slug, cancellationToken);

        var nodes = new List<SubgraphNode>(members.Count);
        foreach (var chunk in members.Chunk(Chunk))
        {
            var ids = chunk.Select(n => index.IdOf(n).Value).ToList();
            var rows = await db.LineageNodes.AsNoTracking().IgnoreQueryFilters().Where(n => ids.Contains(n.Id)).ToListAsync(cancellationToken);
            nodes.AddRange(rows.Select(r => new SubgraphNode(
                r.Seq, new LineageNodeId(r.Id), KindOf(r.Kind), r.Label, r.TenantId,
                r.TenantId is { } t ? slugs.GetValueOrDefault(t, t.ToString("D")) : "shared-pool",
                r.Reference, r.Attributes, r.RecordedAt)));
        }

        nodes.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        var bySeq = nodes.ToDictionary(n => n.Seq);

        var edges = new List<SubgraphEdge>();
        foreach (var chunk in nodes.Select(n => n.Seq).Chunk(Chunk))
        {
            var seqs = chunk.ToList();
            var rows = await db.LineageEdges.AsNoTracking().Where(e => seqs.Contains(e.ChildSeq)).ToListAsync(cancellationToken);
            edges.AddRange(rows
                .Where(e => bySeq.ContainsKey(e.ParentSeq))
                .Select(e => new SubgraphEdge(bySeq[e.ChildSeq].Id, bySeq[e.ParentSeq].Id, e.Ordinal, e.Weight, RoleOf(e.Role))));
        }

        var order = nodes.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i);
        edges.Sort((a, b) => order[a.Child] != order[b.Child] ? order[a.Child].CompareTo(order[b.Child]) : a.Ordinal.CompareTo(b.Ordinal));

        var invalidations = new List<SubgraphInvalidation>();
        foreach (var chunk in nodes.Select(n => n.Id.Value).Chunk(Chunk))
        {
            var ids = chunk.ToList();
            var rows = await db.LineageInvalidations.AsNoTracking().IgnoreQueryFilters().Where(i => ids.Contains(i.NodeId)).ToListAsync(cancellationToken);
            invalidations.AddRange(rows.Select(i => new SubgraphInvalidation(new LineageNodeId(i.NodeId), i.RevocationId, i.InvalidatedAt)));
        }

        invalidations.Sort((a, b) => order[a.Node] != order[b.Node] ? order[a.Node].CompareTo(order[b.Node])
            : a.At != b.At ? a.At.CompareTo(b.At) : a.Revocation.CompareTo(b.Revocation));

        var scope = tenant is { } s ? slugs.GetValueOrDefault(s, s.ToString("D")) : null;
        return new LineageSubgraph(root, direction, scope, nodes, edges, invalidations);
    }

    /// <summary>The node numbers of the subgraph; the root is always in it.</summary>
    internal static List<int> Collect(LineageIndex index, int start, LineageExportDirection direction, Guid? tenant)
    {
        var members = new HashSet<int> { start };
        if (direction is LineageExportDirection.Up or LineageExportDirection.Both)
        {
            // Up: a node outside the tenant (the shared pool's) is shown but not walked past,
            // so the shared pool's own sources, possibly other tenants' work, stay unnamed.
            var stack = new Stack<int>([start]);
            while (stack.TryPop(out var current))
            {
                if (tenant is { } t && index.TenantOf(current)?.Value != t)
                {
                    continue;
                }

                foreach (var parent in index.ParentsOf(current))
                {
                    if (LineageQueries.Visible(index, parent, tenant) && members.Add(parent))
                    {
                        stack.Push(parent);
                    }
                }
            }
        }

        if (direction is LineageExportDirection.Down or LineageExportDirection.Both)
        {
            // Down: only through visible nodes, so nothing is reached by way of another tenant.
            var queue = new Queue<int>([start]);
            var walked = new HashSet<int> { start };
            while (queue.TryDequeue(out var current))
            {
                foreach (var child in index.ChildrenOf(current))
                {
                    if (LineageQueries.Visible(index, child, tenant) && walked.Add(child))
                    {
                        members.Add(child);
                        queue.Enqueue(child);
                    }
                }
            }
        }

        return [.. members.Order()];
    }

    private static LineageNodeKind KindOf(string name) =>
        LineageNodeKinds.TryParse(name, out var kind) ? kind : throw new InvalidDataException($"lineage_nodes holds an unknown kind '{name}'");

    private static EdgeRole RoleOf(string name) =>
        EdgeRoles.TryParse(name, out var role) ? role : throw new InvalidDataException($"lineage_edges holds an unknown role '{name}'");
}
