using CsCheck;
using Takt.Domain.Workflows;
using static Takt.Domain.Tests.Workflows.WorkflowFixtures;

namespace Takt.Domain.Tests.Workflows;

public sealed class WorkflowGraphPropertyTests
{
    // Ids from a small alphabet with upper case, digits, '_' and '-', so ordinal tie-breaks are exercised.
    private static readonly Gen<string[]> Ids =
        Gen.Char["aAb0_-"].Array[1, 3].Select(c => new string(c)).Array[1, 10].Select(a => a.Distinct(StringComparer.Ordinal).ToArray());

    /// <summary>Random graphs: with <paramref name="acyclic"/>, edges only go forward in a random ranking; otherwise anything, self-loops included.</summary>
    private static Gen<(string[] Ids, (int From, int To)[] Edges, int[] Insertion)> Graphs(bool acyclic) =>
        from ids in Ids
        from rank in Gen.Shuffle(Enumerable.Range(0, ids.Length).ToArray())
        from pairs in Gen.Select(Gen.Int[0, ids.Length - 1], Gen.Int[0, ids.Length - 1]).Array[0, 3 * ids.Length]
        from insertion in Gen.Shuffle(Enumerable.Range(0, ids.Length).ToArray())
        select (ids, Edges(pairs, rank, acyclic), insertion);

    private static (int, int)[] Edges((int, int)[] pairs, int[] rank, bool acyclic)
    {
        if (!acyclic)
        {
            return pairs;
        }

        var position = new int[rank.Length];
        for (var i = 0; i < rank.Length; i++)
        {
            position[rank[i]] = i;
        }

        return [.. pairs.Where(p => p.Item1 != p.Item2).Select(p => position[p.Item1] < position[p.Item2] ? p : (p.Item2, p.Item1))];
    }

    /// <summary>Graphs that are DAGs plus zero to two arbitrary back-edges, so cycles are common but not universal.</summary>
    private static readonly Gen<(string[] Ids, (int From, int To)[] Edges, int[] Insertion)> DagsWithBackEdges =
        from graph in Graphs(acyclic: true)
        from extra in Gen.Select(Gen.Int[0, graph.Ids.Length - 1], Gen.Int[0, graph.Ids.Length - 1]).Array[0, 2]
        select (graph.Ids, graph.Edges.Concat(extra).ToArray(), graph.Insertion);

    [Fact]
    public void Validate_RandomDags_FindNoProblems()
    {
        Graphs(acyclic: true).Sample((ids, edges, _) => Assert.Empty(WorkflowValidator.Validate(Graph(ids, edges), Catalog)));
    }

    [Fact]
    public void Validate_ReportsACycle_ExactlyWhenBruteForceFindsOne()
    {
        Gen.OneOf(Graphs(acyclic: false), DagsWithBackEdges).Sample((ids, edges, _) =>
        {
            var workflow = Graph(ids, edges);
            var cycles = WorkflowValidator.Validate(workflow, Catalog).Where(p => p.Code == "cycle").ToList();
            Assert.Equal(HasCycle(workflow), cycles.Count > 0);
        });
    }

    [Fact]
    public void Validate_EveryReportedCycle_IsARealCycleNamedFromItsFirstNode()
    {
        Gen.OneOf(Graphs(acyclic: false), DagsWithBackEdges).Sample((ids, edges, _) =>
        {
            var workflow = Graph(ids, edges);
            foreach (var problem in WorkflowValidator.Validate(workflow, Catalog).Where(p => p.Code == "cycle"))
            {
                Assert.StartsWith("cycle: ", problem.Message, StringComparison.Ordinal);
                var path = problem.Message["cycle: ".Length..].Split(" → ");
                Assert.True(path.Length >= 2, problem.Message);
                Assert.Equal(path[0], path[^1]);
                Assert.Equal(problem.Node, path[0]);
                Assert.Equal(path.Length - 1, path[..^1].Distinct(StringComparer.Ordinal).Count());
                for (var i = 0; i + 1 < path.Length; i++)
                {
                    // Data-flow order: each node feeds the next.
                    Assert.Contains(workflow.Nodes[path[i + 1]].Inputs.Values, r => r.Node == path[i]);
                }
            }
        });
    }

    [Fact]
    public void Validate_ReportsOneCyclePerStronglyConnectedGroup()
    {
        Gen.OneOf(Graphs(acyclic: false), DagsWithBackEdges).Sample((ids, edges, _) =>
        {
            var workflow = Graph(ids, edges);
            var reach = Reach(workflow, out var order);
            var names = workflow.Nodes.Keys.ToList();
            var groups = order.Where(i => reach[i, i]).GroupBy(i => string.Join(",", order.Where(j => reach[i, j] && reach[j, i]))).ToList();
            var cycles = WorkflowValidator.Validate(workflow, Catalog).Where(p => p.Code == "cycle").ToList();
            Assert.Equal(
                groups.Select(g => g.Select(i => names[i]).Min(StringComparer.Ordinal)).Order(StringComparer.Ordinal),
                cycles.Select(c => c.Node));
        });
    }

    [Fact]
    public void Validate_CyclicGraphs_GiveTheSameProblemsWhateverTheInsertionOrder()
    {
        Gen.OneOf(Graphs(acyclic: false), DagsWithBackEdges).Sample((ids, edges, insertion) =>
            Assert.Equal(
                WorkflowValidator.Validate(Graph(ids, edges), Catalog),
                WorkflowValidator.Validate(Graph(ids, edges, insertion), Catalog)));
    }

    [Fact]
    public void Plan_Order_IsTheTopologicalOrderThatTakesTheSmallestReadyIdFirst()
    {
        Graphs(acyclic: true).Sample((ids, edges, _) =>
        {
            var workflow = Graph(ids, edges);
            var plan = WorkflowValidator.Plan(workflow, Catalog);
            Assert.Equal(ids.Order(StringComparer.Ordinal), plan.Order.Select(n => n.Id).Order(StringComparer.Ordinal));

            var placed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in plan.Order)
            {
                var ready = workflow.Nodes.Values
                    .Where(n => !placed.Contains(n.Id) && n.Inputs.Values.All(r => placed.Contains(r.Node)))
                    .Select(n => n.Id)
                    .Min(StringComparer.Ordinal);
                Assert.Equal(ready, node.Id);
                Assert.Equal(workflow.Nodes[node.Id].Inputs.Values.Select(r => r.Node).Distinct().Order(StringComparer.Ordinal), node.Dependencies);
                Assert.All(node.Dependencies, d => Assert.Contains(d, placed));
                placed.Add(node.Id);
            }
        });
    }

    [Fact]
    public void Plan_Order_DoesNotDependOnInsertionOrder()
    {
        Graphs(acyclic: true).Sample((ids, edges, insertion) =>
            Assert.Equal(
                WorkflowValidator.Plan(Graph(ids, edges), Catalog).Order.Select(n => n.Id),
                WorkflowValidator.Plan(Graph(ids, edges, insertion), Catalog).Order.Select(n => n.Id)));
    }

    /// <summary>Transitive closure by Floyd–Warshall: a cycle exists when some node reaches itself.</summary>
    private static bool HasCycle(Workflow workflow)
    {
        var reach = Reach(workflow, out var order);
        return order.Any(i => reach[i, i]);
    }

    /// <summary>reach[i, j]: node j is downstream of node i (indexes into the workflow's keys).</summary>
    private static bool[,] Reach(Workflow workflow, out List<int> indexes)
    {
        var ids = workflow.Nodes.Keys.ToList();
        var n = ids.Count;
        indexes = [.. Enumerable.Range(0, n)];
        var reach = new bool[n, n];
        for (var to = 0; to < n; to++)
        {
            foreach (var source in workflow.Nodes[ids[to]].Inputs.Values)
            {
                reach[ids.IndexOf(source.Node), to] = true;
            }
        }

        for (var k = 0; k < n; k++)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    reach[i, j] |= reach[i, k] && reach[k, j];
                }
            }
        }

        return reach;
    }
}
