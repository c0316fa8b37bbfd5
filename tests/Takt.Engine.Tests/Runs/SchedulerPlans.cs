using System.Text.Json;
using CsCheck;
using Takt.Domain.Workflows;

namespace Takt.Engine.Tests.Runs;

/// <summary>Plans for the scheduler tests: random DAGs planned by the real validator, and large chains and fan-outs built directly.</summary>
internal static class SchedulerPlans
{
    private static readonly string[] Ports = ["a", "b", "c", "d", "e", "f"];

    /// <summary>One node type whose inputs are all optional, so a random graph can wire any node to any later one.</summary>
    private static readonly NodeType Step = new(
        "sched.step", 1, "builtin",
        [.. Ports.Select(p => new PortSpec(p, PortType.Number, Optional: true))],
        [new PortSpec("out", PortType.Number)],
        []);

    private static readonly NodeCatalog Catalog = new([Step]);

    /// <summary>
    /// Random DAGs of up to 12 nodes: edges only go forward in a random ranking, at most six into a node.
    /// Ids mix upper case, digits, '_' and '-' so ordinal tie-breaks matter.
    /// </summary>
    public static readonly Gen<WorkflowPlan> Dags =
        from ids in Gen.Char["aAb0_-"].Array[1, 2].Select(c => new string(c)).Array[1, 12].Select(a => a.Distinct(StringComparer.Ordinal).ToArray())
        from rank in Gen.Shuffle(Enumerable.Range(0, ids.Length).ToArray())
        from pairs in Gen.Select(Gen.Int[0, ids.Length - 1], Gen.Int[0, ids.Length - 1]).Array[0, 3 * ids.Length]
        select Dag(ids, rank, pairs);

    /// <summary>Plans a DAG through <see cref="WorkflowValidator.Plan"/>, exactly as the executor gets it.</summary>
    public static WorkflowPlan Dag(IReadOnlyList<string> ids, IReadOnlyList<int> rank, IEnumerable<(int, int)> pairs)
    {
        var position = new int[rank.Count];
        for (var i = 0; i < rank.Count; i++)
        {
            position[rank[i]] = i;
        }

        var inputs = ids.Select(_ => new Dictionary<string, PortRef>(StringComparer.Ordinal)).ToList();
        foreach (var (x, y) in pairs.Where(p => p.Item1 != p.Item2))
        {
            var (from, to) = position[x] < position[y] ? (x, y) : (y, x);
            if (inputs[to].Count < Ports.Length)
            {
                inputs[to][Ports[inputs[to].Count]] = new PortRef(ids[from], "out");
            }
        }

        var nodes = ids.Select((id, i) => new WorkflowNode(id, Step.Name, null, new Dictionary<string, JsonElement>(), inputs[i]));
        return WorkflowValidator.Plan(new Workflow("dag", nodes.ToDictionary(n => n.Id, StringComparer.Ordinal)), Catalog);
    }

    /// <summary>A plan built without the validator, for sizes where only the scheduler's cost is of interest.</summary>
    public static WorkflowPlan Direct(IEnumerable<(string Id, string[] Dependencies)> order)
    {
        var planned = order.Select(n => new PlannedNode(
            n.Id,
            Step,
            new Dictionary<string, JsonElement>(),
            n.Dependencies.Select((d, i) => (d, i)).ToDictionary(x => $"in{x.i}", x => new PortRef(x.d, "out"), StringComparer.Ordinal),
            n.Dependencies)).ToList();
        return new WorkflowPlan(new Workflow("direct", new Dictionary<string, WorkflowNode>(StringComparer.Ordinal)), planned);
    }

    /// <summary>Every node a node depends on, directly or not (brute force, for comparison with the scheduler).</summary>
    public static HashSet<string> Ancestors(WorkflowPlan plan, string node)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(plan[node].Dependencies);
        while (stack.TryPop(out var id))
        {
            if (seen.Add(id))
            {
                foreach (var dependency in plan[id].Dependencies)
                {
                    stack.Push(dependency);
                }
            }
        }

        return seen;
    }

    /// <summary>Every node that depends on a node, directly or not.</summary>
    public static HashSet<string> Descendants(WorkflowPlan plan, string node) =>
        plan.Order.Where(n => Ancestors(plan, n.Id).Contains(node)).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>Readable form for a failing sample: each node with what it depends on, in plan order.</summary>
    public static string Describe(WorkflowPlan plan) =>
        string.Join("; ", plan.Order.Select(n => n.Dependencies.Count == 0 ? n.Id : $"{n.Id} <- {string.Join(",", n.Dependencies)}"));
}
