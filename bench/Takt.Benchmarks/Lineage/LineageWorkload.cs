using Takt.Domain.Lineage;

namespace Takt.Benchmarks.Lineage;

/// <summary>
/// What is asked, fixed before the graph is written: random generations to attribute (the CTEs
/// take the first few of the same list), others to warm up on, and the popular asset for impact.
/// Ids are kept so the loaded index can be checked to number nodes as the generator did.
/// </summary>
public sealed record LineageWorkload(int[] Samples, Guid[] SampleIds, int[] WarmUp, int Popular, Guid PopularId, int Nodes, int Edges)
{
    public static LineageWorkload Choose(SyntheticLineage graph, int samples, int seed)
    {
        var generations = Enumerable.Range(0, graph.NodeCount).Where(n => graph.KindOf(n) == LineageNodeKind.Generation).ToArray();
        var random = new Random(seed);
        random.Shuffle(generations);
        var chosen = generations.Take(Math.Min(samples, generations.Length)).ToArray();
        var warmUp = generations.Skip(chosen.Length).Take(200).ToArray();
        return new LineageWorkload(chosen, [.. chosen.Select(graph.IdOf)], warmUp, graph.PopularAsset, graph.IdOf(graph.PopularAsset), graph.NodeCount, graph.EdgeCount);
    }
}
