using CsCheck;
using Takt.Domain.Lineage;

namespace Takt.Domain.Tests.Lineage;

/// <summary>A hand-built graph over plain arrays: node i's parents are all numbered below i.</summary>
internal sealed class ArrayGraph(LineageNodeKind[] kinds, int[][] parents, double[][] weights) : ILineageGraph
{
    public int NodeCount => kinds.Length;

    public int[][] Parents => parents;

    public double[][] Weights => weights;

    public LineageNodeKind KindOf(int node) => kinds[node];

    public ReadOnlySpan<int> ParentsOf(int node) => parents[node];

    public ReadOnlySpan<double> WeightsOf(int node) => weights[node];

    /// <summary>
    /// Random DAGs: each node takes up to <paramref name="maxParents"/> distinct earlier nodes
    /// (the first few nodes are roots), with random positive weights normalised to 1, and now
    /// and then a zero weight, as a subtracted merge input has.
    /// </summary>
    public static Gen<ArrayGraph> Dag(int maxNodes, int maxParents) =>
        Gen.Int[2, maxNodes].SelectMany(n => Gen.Int[0, int.MaxValue].Array[n * maxParents * 2].Select(Gen.Double[0.01, 1].Array[n * maxParents], (picks, raw) => Build(n, maxParents, picks, raw)));

    private static ArrayGraph Build(int n, int maxParents, int[] picks, double[] raw)
    {
        var kinds = new LineageNodeKind[n];
        var parents = new int[n][];
        var weights = new double[n][];
        var cursor = 0;
        for (var i = 0; i < n; i++)
        {
            var count = i == 0 ? 0 : Math.Abs(picks[cursor++ % picks.Length]) % (Math.Min(i, maxParents) + 1);
            if (i < 2)
            {
                count = 0;
            }

            var chosen = new SortedSet<int>();
            for (var k = 0; k < count; k++)
            {
                chosen.Add(Math.Abs(picks[cursor++ % picks.Length]) % i);
            }

            parents[i] = [.. chosen];
            var w = parents[i].Select((_, k) => raw[(i * maxParents + k) % raw.Length]).ToArray();
            if (w.Length > 1 && picks[i % picks.Length] % 7 == 0)
            {
                w[0] = 0;
            }

            var total = w.Sum();
            weights[i] = [.. w.Select(x => x / total)];
            kinds[i] = parents[i].Length == 0 ? LineageNodeKind.Contributor : LineageNodeKind.Generation;
        }

        return new ArrayGraph(kinds, parents, weights);
    }

    /// <summary>Attribution by definition: every path to a root, its weight the product of its edges.</summary>
    public Dictionary<int, double> BruteForce(int node, Func<int, bool>? isSource = null)
    {
        var result = new Dictionary<int, double>();
        void Walk(int current, double weight)
        {
            if (parents[current].Length == 0 || (isSource?.Invoke(current) ?? false))
            {
                result[current] = result.GetValueOrDefault(current) + weight;
                return;
            }

            for (var p = 0; p < parents[current].Length; p++)
            {
                Walk(parents[current][p], weight * weights[current][p]);
            }
        }

        Walk(node, 1);
        return result;
    }

    /// <summary>Every path to a root with its weight, for checking the heaviest-paths search.</summary>
    public List<double> AllPathWeights(int node)
    {
        var found = new List<double>();
        void Walk(int current, double weight)
        {
            if (parents[current].Length == 0)
            {
                found.Add(weight);
                return;
            }

            for (var p = 0; p < parents[current].Length; p++)
            {
                if (weights[current][p] > 0)
                {
                    Walk(parents[current][p], weight * weights[current][p]);
                }
            }
        }

        Walk(node, 1);
        return found;
    }
}
