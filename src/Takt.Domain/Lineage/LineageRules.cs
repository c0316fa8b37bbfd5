using Takt.Domain.Tenancy;

namespace Takt.Domain.Lineage;

/// <summary>
/// The invariants of the append-only graph, checked before anything is written: parents exist,
/// roles join the right kinds, weights are finite, non-negative and sum to 1, no parent is
/// named twice, tenants do not reach into each other, and the batch has no cycle.
/// </summary>
public static class LineageRules
{
    /// <summary>How far a node's parent weights may sum from 1 (room for decimal text, not for mistakes).</summary>
    public const double WeightTolerance = 1e-9;

    public const int MaxLabelLength = 400;

    /// <param name="recorded">Looks up a node already in the graph (null when unknown).</param>
    /// <param name="feedsSharedPool">Whether a tenant has opted in to the shared common pool.</param>
    public static LineageCheck Check(
        IReadOnlyList<LineageNodeDraft> batch,
        Func<LineageNodeId, RecordedNode?> recorded,
        Func<TenantId, bool> feedsSharedPool)
    {
        var problems = new List<LineageProblem>();
        var inBatch = new Dictionary<LineageNodeId, LineageNodeDraft>();
        foreach (var node in batch)
        {
            if (node.Id.Value == Guid.Empty)
            {
                problems.Add(new(node.Id, "a node needs an id"));
            }
            else if (!inBatch.TryAdd(node.Id, node))
            {
                problems.Add(new(node.Id, "appears twice in the batch"));
            }
            else if (recorded(node.Id) is not null)
            {
                problems.Add(new(node.Id, "is already recorded; lineage is append-only, record a new node instead"));
            }
        }

        foreach (var node in batch)
        {
            CheckNode(node, id => inBatch.TryGetValue(id, out var d) ? new RecordedNode(d.Kind, d.Tenant) : recorded(id), feedsSharedPool, problems);
        }

        if (problems.Count > 0)
        {
            return new LineageCheck([], problems);
        }

        var ordered = ParentsFirst(batch, inBatch, problems);
        return new LineageCheck(problems.Count == 0 ? ordered : [], problems);
    }

    private static void CheckNode(LineageNodeDraft node, Func<LineageNodeId, RecordedNode?> find, Func<TenantId, bool> feedsSharedPool, List<LineageProblem> problems)
    {
        void Problem(string message) => problems.Add(new(node.Id, message));

        if (!Enum.IsDefined(node.Kind))
        {
            Problem($"unknown kind {(int)node.Kind}");
            return;
        }

        if (string.IsNullOrWhiteSpace(node.Label) || node.Label.Length > MaxLabelLength)
        {
            Problem($"a label of 1–{MaxLabelLength} characters is required");
        }

        var kind = LineageNodeKinds.Name(node.Kind);
        if (node.Parents.Count == 0)
        {
            // Contributors and assets start chains; a model may be imported from outside (an open base model).
            if (node.Kind is not (LineageNodeKind.Contributor or LineageNodeKind.Asset or LineageNodeKind.Model))
            {
                Problem($"a {kind} must derive from at least one parent");
            }

            return;
        }

        if (node.Kind == LineageNodeKind.Contributor)
        {
            Problem("a contributor is a root of the graph and has no parents");
            return;
        }

        var seen = new HashSet<LineageNodeId>();
        var sum = 0.0;
        foreach (var link in node.Parents)
        {
            var parentText = link.Parent.ToString();
            if (!double.IsFinite(link.Weight) || link.Weight < 0)
            {
                Problem($"weight {link.Weight} on parent {parentText} must be a finite number ≥ 0");
                continue;
            }

            sum += link.Weight;
            if (link.Parent == node.Id)
            {
                Problem("a node cannot derive from itself");
                continue;
            }

            if (!seen.Add(link.Parent))
            {
                Problem($"parent {parentText} is named twice; one edge per parent");
                continue;
            }

            if (!Enum.IsDefined(link.Role))
            {
                Problem($"unknown role {(int)link.Role} on parent {parentText}");
                continue;
            }

            var (childKind, parentKinds) = EdgeRoles.Shape(link.Role);
            var role = EdgeRoles.Name(link.Role);
            if (childKind != node.Kind)
            {
                Problem($"role {role} belongs to a {LineageNodeKinds.Name(childKind)}, not a {kind}");
                continue;
            }

            if (link.Role == EdgeRole.MergeSubtracted && link.Weight != 0)
            {
                Problem($"a subtracted merge input carries no attribution: weight must be 0, not {link.Weight}");
            }

            if (find(link.Parent) is not { } parent)
            {
                Problem($"parent {parentText} is not recorded");
                continue;
            }

            if (!parentKinds.Contains(parent.Kind))
            {
                Problem($"role {role} cannot point at a {LineageNodeKinds.Name(parent.Kind)} ({parentText})");
            }

            if (TenancyProblem(node.Tenant, parent.Tenant, feedsSharedPool) is { } tenancy)
            {
                Problem($"parent {parentText}: {tenancy}");
            }
        }

        if (Math.Abs(sum - 1.0) > WeightTolerance)
        {
            Problem($"parent weights sum to {sum:R}, not 1");
        }
    }

    /// <summary>
    /// A tenant's node may use its own nodes and the shared pool's; a shared-pool node may use a
    /// tenant's node only if that tenant feeds the pool. Nothing else crosses a tenant boundary.
    /// </summary>
    private static string? TenancyProblem(TenantId? child, TenantId? parent, Func<TenantId, bool> feedsSharedPool)
    {
        if (parent is null || parent == child)
        {
            return null;
        }

        if (child is null)
        {
            return feedsSharedPool(parent.Value) ? null : $"tenant {parent} does not contribute to the shared pool";
        }

        return "belongs to another tenant";
    }

    // Kahn's algorithm over the batch's own edges: what is left over after it is a cycle.
    private static List<LineageNodeDraft> ParentsFirst(IReadOnlyList<LineageNodeDraft> batch, Dictionary<LineageNodeId, LineageNodeDraft> inBatch, List<LineageProblem> problems)
    {
        var pending = new Dictionary<LineageNodeId, int>();
        var children = new Dictionary<LineageNodeId, List<LineageNodeId>>();
        foreach (var node in batch)
        {
            var count = 0;
            foreach (var link in node.Parents.Where(l => inBatch.ContainsKey(l.Parent)))
            {
                count++;
                (children.TryGetValue(link.Parent, out var list) ? list : children[link.Parent] = []).Add(node.Id);
            }

            pending[node.Id] = count;
        }

        var ready = new Queue<LineageNodeId>(batch.Where(n => pending[n.Id] == 0).Select(n => n.Id));
        var ordered = new List<LineageNodeDraft>(batch.Count);
        while (ready.TryDequeue(out var id))
        {
            ordered.Add(inBatch[id]);
            foreach (var child in children.GetValueOrDefault(id) ?? [])
            {
                if (--pending[child] == 0)
                {
                    ready.Enqueue(child);
                }
            }
        }

        foreach (var node in batch.Where(n => pending[n.Id] > 0))
        {
            problems.Add(new(node.Id, "is part of a cycle; lineage only points back in time"));
        }

        return ordered;
    }
}
