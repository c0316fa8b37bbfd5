namespace Takt.Domain.Lineage;

/// <summary>
/// Attribution of a node = for each source, the sum over every path to it of the product of the
/// edge weights. Because every node's parent weights sum to 1, the shares of the sources sum to
/// 1. Computed as a flow, not by enumerating paths: order the ancestors so every node comes
/// before its parents, give the node mass 1, and push each node's mass to its parents by weight.
/// Linear in the ancestor subgraph, where path enumeration is exponential.
/// </summary>
public static class Attribution
{
    /// <param name="isSource">
    /// Where the walk stops besides the roots: asset nodes for attribution by asset, nodes outside
    /// the asker's tenant so another tenant's contributors are never named. Null: roots only.
    /// </param>
    /// <returns>Each source reached with a positive share, heaviest first, ties by node number.</returns>
    public static IReadOnlyList<AttributionShare> Compute<TGraph>(TGraph graph, int node, AttributionScratch scratch, Func<int, bool>? isSource = null)
        where TGraph : ILineageGraph => Compute(graph, node, scratch, isSource, known: null);

    /// <param name="known">
    /// The attribution of an ancestor already computed with the same <paramref name="isSource"/>,
    /// or null. A node's ancestry never changes once recorded, so a hub many nodes derive from (a
    /// model) can be computed once: the walk stops there and spreads the node's mass over its shares.
    /// </param>
    public static IReadOnlyList<AttributionShare> Compute<TGraph>(TGraph graph, int node, AttributionScratch scratch, Func<int, bool>? isSource, Func<int, IReadOnlyList<AttributionShare>?>? known)
        where TGraph : ILineageGraph
    {
        ArgumentOutOfRangeException.ThrowIfNegative(node);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(node, graph.NodeCount);
        scratch.Begin(graph.NodeCount);
        var count = AncestorsParentsFirst(graph, node, scratch, isSource, known);

        scratch.Mass(node) = 1;
        var sources = new List<AttributionShare>();
        for (var i = count - 1; i >= 0; i--)
        {
            var current = scratch.Order[i];
            var mass = scratch.Mass(current);
            if (current != node && known?.Invoke(current) is { } shares)
            {
                foreach (var share in shares)
                {
                    if (scratch.Accumulate(share.Node, mass * share.Share))
                    {
                        sources.Add(new AttributionShare(share.Node, 0));
                    }
                }

                continue;
            }

            var parents = graph.ParentsOf(current);
            if (parents.Length == 0 || (isSource?.Invoke(current) ?? false))
            {
                if (mass > 0 && scratch.Accumulate(current, mass))
                {
                    sources.Add(new AttributionShare(current, 0));
                }

                continue;
            }

            var weights = graph.WeightsOf(current);
            for (var p = 0; p < parents.Length; p++)
            {
                scratch.Mass(parents[p]) += mass * weights[p];
            }
        }

        for (var i = 0; i < sources.Count; i++)
        {
            sources[i] = new AttributionShare(sources[i].Node, scratch.Accumulated(sources[i].Node));
        }

        sources.RemoveAll(static s => s.Share <= 0);
        sources.Sort(static (a, b) => b.Share != a.Share ? b.Share.CompareTo(a.Share) : a.Node.CompareTo(b.Node));
        return sources;
    }

    /// <summary>
    /// The <paramref name="limit"/> heaviest paths from the node to its sources, heaviest first.
    /// Best-first search: weights are at most 1, so extending a path never makes it heavier, and
    /// the first complete paths taken off the queue are the heaviest ones.
    /// </summary>
    public static IReadOnlyList<AttributionPath> HeaviestPaths<TGraph>(TGraph graph, int node, int limit, Func<int, bool>? isSource = null, int maxExpansions = 200_000)
        where TGraph : ILineageGraph
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var steps = new List<(int Node, int Previous)> { (node, -1) };
        var queue = new PriorityQueue<int, double>(Comparer<double>.Create(static (a, b) => b.CompareTo(a)));
        queue.Enqueue(0, 1.0);
        var paths = new List<AttributionPath>(limit);
        var expansions = 0;
        while (paths.Count < limit && queue.TryDequeue(out var step, out var weight) && expansions++ < maxExpansions)
        {
            var current = steps[step].Node;
            var parents = graph.ParentsOf(current);
            if (parents.Length == 0 || (isSource?.Invoke(current) ?? false))
            {
                paths.Add(new AttributionPath(Unwind(steps, step), weight));
                continue;
            }

            var weights = graph.WeightsOf(current);
            for (var p = 0; p < parents.Length; p++)
            {
                if (weights[p] > 0)
                {
                    steps.Add((parents[p], step));
                    queue.Enqueue(steps.Count - 1, weight * weights[p]);
                }
            }
        }

        return paths;
    }

    private static int[] Unwind(List<(int Node, int Previous)> steps, int last)
    {
        var nodes = new List<int>();
        for (var s = last; s >= 0; s = steps[s].Previous)
        {
            nodes.Add(steps[s].Node);
        }

        nodes.Reverse();
        return [.. nodes];
    }

    // Iterative depth-first post-order over parent edges: a node is written after all its
    // parents, so reading the order backwards visits every node before its parents.
    private static int AncestorsParentsFirst<TGraph>(TGraph graph, int start, AttributionScratch scratch, Func<int, bool>? isSource, Func<int, IReadOnlyList<AttributionShare>?>? known)
        where TGraph : ILineageGraph
    {
        var count = 0;
        scratch.Visit(start);
        scratch.Stack[0] = start;
        scratch.Cursor[0] = 0;
        var depth = 1;
        while (depth > 0)
        {
            var current = scratch.Stack[depth - 1];
            var parents = (isSource?.Invoke(current) ?? false) || (current != start && known?.Invoke(current) is not null) ? [] : graph.ParentsOf(current);
            var cursor = scratch.Cursor[depth - 1];
            while (cursor < parents.Length && !scratch.Visit(parents[cursor]))
            {
                cursor++;
            }

            if (cursor < parents.Length)
            {
                scratch.Cursor[depth - 1] = cursor + 1;
                AttributionScratch.Ensure(ref scratch.Stack, depth + 1);
                AttributionScratch.Ensure(ref scratch.Cursor, depth + 1);
                scratch.Stack[depth] = parents[cursor];
                scratch.Cursor[depth] = 0;
                depth++;
                continue;
            }

            AttributionScratch.Ensure(ref scratch.Order, count + 1);
            scratch.Order[count++] = current;
            depth--;
        }

        return count;
    }
}
