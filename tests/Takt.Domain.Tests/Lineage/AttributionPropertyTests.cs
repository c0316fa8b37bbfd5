using CsCheck;
using Takt.Domain.Lineage;

namespace Takt.Domain.Tests.Lineage;

/// <summary>Attribution as a flow agrees with its definition (the sum over paths) on random DAGs.</summary>
public sealed class AttributionPropertyTests
{
    private static readonly Gen<(ArrayGraph Graph, int Node)> Case =
        ArrayGraph.Dag(14, 4).SelectMany(g => Gen.Int[0, g.NodeCount - 1].Select(n => (g, n)));

    [Fact]
    public void Compute_SharesAreNonNegativeAndSumToOne()
    {
        // CsCheck samples on several threads; a scratch belongs to one.
        using var scratch = new ThreadLocal<AttributionScratch>(() => new AttributionScratch());
        Case.Sample((graph, node) =>
        {
            var shares = Attribution.Compute(graph, node, scratch.Value!);
            Assert.All(shares, s => Assert.True(s.Share > 0));
            Assert.Equal(1.0, shares.Sum(s => s.Share), 1e-9);
        }, iter: 3_000);
    }

    [Fact]
    public void Compute_EqualsBruteForcePathEnumeration()
    {
        // CsCheck samples on several threads; a scratch belongs to one.
        using var scratch = new ThreadLocal<AttributionScratch>(() => new AttributionScratch());
        Case.Sample((graph, node) =>
        {
            var expected = graph.BruteForce(node).Where(kv => kv.Value > 0).ToDictionary();
            var actual = Attribution.Compute(graph, node, scratch.Value!).ToDictionary(s => s.Node, s => s.Share);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            Assert.All(expected, kv => Assert.Equal(kv.Value, actual[kv.Key], 1e-12));
        }, iter: 3_000);
    }

    [Fact]
    public void Compute_StoppingAtSources_EqualsBruteForceStoppingThere()
    {
        // CsCheck samples on several threads; a scratch belongs to one.
        using var scratch = new ThreadLocal<AttributionScratch>(() => new AttributionScratch());
        Case.SelectMany(c => Gen.Int[2, 5].Select(m => (c.Graph, c.Node, m))).Sample((graph, node, modulus) =>
        {
            bool IsSource(int n) => n % modulus == 0;
            var expected = graph.BruteForce(node, IsSource).Where(kv => kv.Value > 0).ToDictionary();
            var actual = Attribution.Compute(graph, node, scratch.Value!, IsSource).ToDictionary(s => s.Node, s => s.Share);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            Assert.All(expected, kv => Assert.Equal(kv.Value, actual[kv.Key], 1e-12));
            Assert.Equal(1.0, actual.Values.Sum(), 1e-9);
        }, iter: 2_000);
    }

    [Fact]
    public void Compute_WithRememberedAncestors_EqualsTheFullWalk()
    {
        using var scratch = new ThreadLocal<AttributionScratch>(() => new AttributionScratch());
        Case.SelectMany(c => Gen.Int[2, 4].Select(m => (c.Graph, c.Node, m))).Sample((graph, node, modulus) =>
        {
            // Remember every modulus-th node's attribution, as the index remembers models'.
            var remembered = Enumerable.Range(0, graph.NodeCount).Where(n => n % modulus == 1)
                .ToDictionary(n => n, n => Attribution.Compute(graph, n, new AttributionScratch()));
            var full = Attribution.Compute(graph, node, scratch.Value!).ToDictionary(s => s.Node, s => s.Share);
            var shortcut = Attribution.Compute(graph, node, scratch.Value!, null, n => remembered.GetValueOrDefault(n)).ToDictionary(s => s.Node, s => s.Share);
            Assert.Equal(full.Keys.Order(), shortcut.Keys.Order());
            Assert.All(full, kv => Assert.Equal(kv.Value, shortcut[kv.Key], 1e-12));
        }, iter: 2_000);
    }

    [Fact]
    public void HeaviestPaths_AreTheHeaviestInOrder()
    {
        Case.Sample((graph, node) =>
        {
            var all = graph.AllPathWeights(node).OrderDescending().ToList();
            var paths = Attribution.HeaviestPaths(graph, node, 3);
            Assert.Equal(Math.Min(3, all.Count), paths.Count);
            for (var i = 0; i < paths.Count; i++)
            {
                Assert.Equal(all[i], paths[i].Weight, 1e-12);
                Assert.Equal(node, paths[i].Nodes[0]);
                Assert.Empty(graph.ParentsOf(paths[i].Nodes[^1]).ToArray());
            }
        }, iter: 2_000);
    }

    [Fact]
    public void Compute_ScratchReusedAcrossGraphsOfDifferentSizes_GivesFreshResults()
    {
        var scratch = new AttributionScratch();
        var small = new ArrayGraph([LineageNodeKind.Contributor, LineageNodeKind.Asset], [[], [0]], [[], [1.0]]);
        var large = new ArrayGraph(
            [LineageNodeKind.Contributor, LineageNodeKind.Contributor, LineageNodeKind.Asset, LineageNodeKind.Dataset],
            [[], [], [0, 1], [2]], [[], [], [0.25, 0.75], [1.0]]);

        Assert.Equal([new AttributionShare(0, 1)], Attribution.Compute(small, 1, scratch));
        Assert.Equal([new AttributionShare(1, 0.75), new AttributionShare(0, 0.25)], Attribution.Compute(large, 3, scratch));
        Assert.Equal([new AttributionShare(0, 1)], Attribution.Compute(small, 1, scratch));
    }
}
