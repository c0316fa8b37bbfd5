using CsCheck;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Provenance.Lineage;

namespace Takt.Provenance.Tests.Lineage;

/// <summary>The index built in one go and the index grown node by node are the same graph, and its walks match brute force.</summary>
public sealed class LineageIndexPropertyTests
{
    private static readonly Gen<(int[][] Parents, double[][] Weights)> Dag =
        Gen.Int[2, 40].SelectMany(n => Gen.Int[0, int.MaxValue].Array[n * 4].Select(Gen.Double[0.05, 1].Array[n * 4], (picks, raw) =>
        {
            var parents = new int[n][];
            var weights = new double[n][];
            for (var i = 0; i < n; i++)
            {
                var count = i < 3 ? 0 : picks[i] % 4;
                parents[i] = [.. Enumerable.Range(0, count).Select(k => picks[(i * 4 + k) % picks.Length] % i).Distinct()];
                var w = parents[i].Select((_, k) => raw[(i * 4 + k) % raw.Length]).ToArray();
                weights[i] = [.. w.Select(x => x / w.Sum())];
            }

            return (parents, weights);
        }));

    private static (LineageIndex Built, LineageIndex Grown, Guid[] Ids) BothWays(int[][] parents, double[][] weights)
    {
        var ids = parents.Select(_ => Guid.CreateVersion7()).ToArray();
        var tenant = new TenantId(Guid.CreateVersion7());
        var builder = new LineageIndex.Builder();
        for (var i = 0; i < parents.Length; i++)
        {
            builder.AddNode(i + 1, ids[i], KindOf(i, parents), tenant);
        }

        // Edges arrive in reverse, as a database may return them: the builder must restore the order.
        for (var i = parents.Length - 1; i >= 0; i--)
        {
            for (var k = parents[i].Length - 1; k >= 0; k--)
            {
                builder.AddEdge(i + 1, k, parents[i][k] + 1, weights[i][k]);
            }
        }

        var grown = LineageIndex.Empty();
        for (var i = 0; i < parents.Length; i++)
        {
            grown.Append([new IndexedNode(i + 1, new LineageNodeId(ids[i]), KindOf(i, parents), tenant,
                [.. parents[i].Select((p, k) => (new LineageNodeId(ids[p]), weights[i][k]))])]);
        }

        return (builder.Build(), grown, ids);
    }

    [Fact]
    public void BuiltAndGrown_GiveIdenticalAttributionAndImpact()
    {
        Dag.Sample((parents, weights) =>
        {
            var (built, grown, ids) = BothWays(parents, weights);
            for (var node = 0; node < parents.Length; node++)
            {
                Assert.Equal(built.Attribute(node), grown.Attribute(node));
                Assert.Equal(built.Downstream([node]).Order(), grown.Downstream([node]).Order());
                Assert.True(built.TryFind(new LineageNodeId(ids[node]), out var found) && found == node);
            }

            Assert.Equal(built.EdgeCount, grown.EdgeCount);
        }, iter: 300);
    }

    [Fact]
    public void Downstream_EqualsReachability_AndReachesAgrees()
    {
        Dag.Sample((parents, weights) =>
        {
            var (built, _, _) = BothWays(parents, weights);
            for (var start = 0; start < parents.Length; start++)
            {
                var expected = Enumerable.Range(0, parents.Length).Where(n => n != start && ReachesByDefinition(parents, n, start)).Order();
                Assert.Equal(expected, built.Downstream([start]).Order());
                Assert.All(Enumerable.Range(0, parents.Length), n => Assert.Equal(ReachesByDefinition(parents, n, start), built.Reaches(n, start)));
            }
        }, iter: 300);
    }

    [Fact]
    public void Attribute_SumsToOne()
    {
        Dag.Sample((parents, weights) =>
        {
            var (built, _, _) = BothWays(parents, weights);
            Assert.All(Enumerable.Range(0, parents.Length), n => Assert.Equal(1.0, built.Attribute(n).Sum(s => s.Share), 1e-9));
        }, iter: 300);
    }

    [Fact]
    public void Memory_StaysWithinTheBudgetPerEdge()
    {
        // A loaded index is sized exactly; the per-node cost is spread over the edges.
        const int nodes = 20_000;
        var builder = new LineageIndex.Builder(nodes, nodes * 5);
        var tenant = new TenantId(Guid.CreateVersion7());
        for (var i = 0; i < nodes; i++)
        {
            builder.AddNode(i + 1, Guid.CreateVersion7(), i < 100 ? LineageNodeKind.Contributor : LineageNodeKind.Generation, tenant);
        }

        for (var i = 0; i < nodes; i++)
        {
            for (var k = 0; i >= 100 && k < 5; k++)
            {
                builder.AddEdge(i + 1, k, ((i * 7) + (k * 13)) % 100 + 1, 0.2);
            }
        }

        using var index = builder.Build();
        Assert.InRange((double)index.MemoryBytes / index.EdgeCount, 16, 24);
    }

    // Every third derived node is a model, so the index's remembered model attributions are exercised.
    private static LineageNodeKind KindOf(int node, int[][] parents) =>
        parents[node].Length == 0 ? LineageNodeKind.Contributor : node % 3 == 0 ? LineageNodeKind.Model : LineageNodeKind.Generation;

    [Fact]
    public void Attribute_WithRememberedModels_EqualsTheFlowWithout()
    {
        Dag.Sample((parents, weights) =>
        {
            var (built, _, _) = BothWays(parents, weights);
            for (var round = 0; round < 2; round++)
            {
                for (var node = 0; node < parents.Length; node++)
                {
                    // A scoped walk that stops nowhere new is never remembered: the reference answer.
                    var expected = built.Attribute(node, _ => false).ToDictionary(s => s.Node, s => s.Share);
                    var actual = built.Attribute(node).ToDictionary(s => s.Node, s => s.Share);
                    Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
                    Assert.All(expected, kv => Assert.Equal(kv.Value, actual[kv.Key], 1e-12));
                }
            }
        }, iter: 300);
    }

    private static bool ReachesByDefinition(int[][] parents, int node, int ancestor) =>
        node == ancestor || parents[node].Any(p => ReachesByDefinition(parents, p, ancestor));
}
