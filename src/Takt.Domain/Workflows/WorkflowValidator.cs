using System.Text.Json;

namespace Takt.Domain.Workflows;

/// <summary>
/// Checks a workflow against the node catalogue and reports every problem at once, each naming
/// its node and port or parameter: unknown node types and versions, unknown or missing
/// parameters, values of the wrong kind or out of range, unknown, missing or mistyped inputs,
/// and cycles.
/// </summary>
public static class WorkflowValidator
{
    public static IReadOnlyList<WorkflowProblem> Validate(Workflow workflow, NodeCatalog catalog) => Check(workflow, catalog).Problems;

    /// <summary>The plan of a valid workflow; throws <see cref="WorkflowException"/> with all problems otherwise.</summary>
    public static WorkflowPlan Plan(Workflow workflow, NodeCatalog catalog)
    {
        var (problems, plan) = Check(workflow, catalog);
        return problems.Count > 0 ? throw new WorkflowException(problems) : plan!;
    }

    private static (IReadOnlyList<WorkflowProblem> Problems, WorkflowPlan? Plan) Check(Workflow workflow, NodeCatalog catalog)
    {
        var problems = new List<WorkflowProblem>();
        if (workflow.Nodes.Count == 0)
        {
            problems.Add(new WorkflowProblem(null, null, "empty-workflow", "the workflow has no nodes"));
        }

        var types = new Dictionary<string, NodeType>(StringComparer.Ordinal);
        foreach (var node in workflow.Nodes.Values)
        {
            var type = catalog.Find(node.Type, node.Version);
            if (type is null)
            {
                var versions = catalog.Versions(node.Type);
                problems.Add(versions.Count == 0
                    ? new WorkflowProblem(node.Id, null, "unknown-node-type", $"unknown node type '{node.Type}'")
                    : new WorkflowProblem(node.Id, null, "unknown-node-version", $"'{node.Type}' has no version {node.Version} (known: {string.Join(", ", versions)})"));
                continue;
            }

            types[node.Id] = type;
        }

        var parameters = new Dictionary<string, IReadOnlyDictionary<string, JsonElement>>(StringComparer.Ordinal);
        foreach (var (id, type) in types)
        {
            parameters[id] = NodeParameters.Resolve(workflow.Nodes[id], type, problems);
            CheckInputs(workflow, workflow.Nodes[id], type, types, problems);
        }

        var order = TopologicalOrder(workflow, problems);
        if (problems.Count > 0 || order is null)
        {
            return (problems, null);
        }

        var planned = order.Select(id =>
        {
            var node = workflow.Nodes[id];
            var dependencies = node.Inputs.Values.Select(r => r.Node).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return new PlannedNode(id, types[id], parameters[id], node.Inputs, dependencies);
        }).ToList();
        return (problems, new WorkflowPlan(workflow, planned));
    }

    private static void CheckInputs(Workflow workflow, WorkflowNode node, NodeType type, Dictionary<string, NodeType> types, List<WorkflowProblem> problems)
    {
        foreach (var (port, source) in node.Inputs)
        {
            var spec = type.Input(port);
            if (spec is null)
            {
                problems.Add(new WorkflowProblem(node.Id, port, "unknown-input", $"'{type.Key}' has no input '{port}' (inputs: {Names(type.Inputs)})"));
                continue;
            }

            if (!workflow.Nodes.ContainsKey(source.Node))
            {
                problems.Add(new WorkflowProblem(node.Id, port, "unknown-source-node", $"comes from '{source}', but there is no node '{source.Node}'"));
                continue;
            }

            if (!types.TryGetValue(source.Node, out var sourceType))
            {
                continue; // the source's own problem is reported already
            }

            var output = sourceType.Output(source.Port);
            if (output is null)
            {
                problems.Add(new WorkflowProblem(node.Id, port, "unknown-source-port", $"comes from '{source}', but '{sourceType.Key}' has no output '{source.Port}' (outputs: {Names(sourceType.Outputs)})"));
            }
            else if (output.Type != spec.Type)
            {
                problems.Add(new WorkflowProblem(node.Id, port, "type-mismatch", $"expects {PortTypes.Name(spec.Type)} but '{source}' gives {PortTypes.Name(output.Type)}"));
            }
        }

        foreach (var spec in type.Inputs.Where(i => !i.Optional && !node.Inputs.ContainsKey(i.Name)))
        {
            problems.Add(new WorkflowProblem(node.Id, spec.Name, "missing-input", $"required {PortTypes.Name(spec.Type)} input is not connected"));
        }
    }

    /// <summary>Kahn's algorithm, ready nodes taken in id order so the order is stable; what is left over lies on or behind a cycle.</summary>
    private static List<string>? TopologicalOrder(Workflow workflow, List<WorkflowProblem> problems)
    {
        var blockers = new Dictionary<string, int>(StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in workflow.Nodes.Values)
        {
            var sources = node.Inputs.Values.Select(r => r.Node).Where(workflow.Nodes.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
            blockers[node.Id] = sources.Count;
            foreach (var source in sources)
            {
                (dependents.TryGetValue(source, out var list) ? list : dependents[source] = []).Add(node.Id);
            }
        }

        var ready = new SortedSet<string>(blockers.Where(b => b.Value == 0).Select(b => b.Key), StringComparer.Ordinal);
        var order = new List<string>(workflow.Nodes.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            order.Add(next);
            foreach (var dependent in dependents.GetValueOrDefault(next) ?? [])
            {
                if (--blockers[dependent] == 0)
                {
                    ready.Add(dependent);
                }
            }
        }

        if (order.Count == workflow.Nodes.Count)
        {
            return order;
        }

        var left = blockers.Where(b => b.Value > 0).Select(b => b.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var cycle in Cycles(workflow, left))
        {
            problems.Add(new WorkflowProblem(cycle[0], null, "cycle", $"cycle: {string.Join(" → ", cycle)} → {cycle[0]}"));
        }

        return null;
    }

    /// <summary>
    /// One cycle per strongly connected group of the left-over nodes: the shortest through the
    /// group's smallest id. Groups come first (Kosaraju, iteratively: a 100k-node loop must not overflow the
    /// stack) so that one cycle cannot hide another that a node of the first merely feeds.
    /// </summary>
    private static IEnumerable<List<string>> Cycles(Workflow workflow, HashSet<string> left)
    {
        var upstream = left.ToDictionary(
            id => id,
            id => workflow.Nodes[id].Inputs.Values.Select(r => r.Node).Where(left.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
        var downstream = left.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (id, sources) in upstream)
        {
            foreach (var source in sources)
            {
                downstream[source].Add(id);
            }
        }

        var finished = new List<string>(left.Count);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in left.Order(StringComparer.Ordinal))
        {
            if (!visited.Add(root))
            {
                continue;
            }

            var stack = new Stack<(string Node, int Next)>([(root, 0)]);
            while (stack.TryPop(out var top))
            {
                var edges = downstream[top.Node];
                if (top.Next == edges.Count)
                {
                    finished.Add(top.Node);
                    continue;
                }

                stack.Push((top.Node, top.Next + 1));
                if (visited.Add(edges[top.Next]))
                {
                    stack.Push((edges[top.Next], 0));
                }
            }
        }

        var group = new Dictionary<string, int>(StringComparer.Ordinal);
        var cycles = new List<List<string>>();
        for (var i = finished.Count - 1; i >= 0; i--)
        {
            if (group.ContainsKey(finished[i]))
            {
                continue;
            }

            var id = group.Count;
            var members = new List<string>();
            var stack = new Stack<string>([finished[i]]);
            group[finished[i]] = id;
            while (stack.TryPop(out var node))
            {
                members.Add(node);
                foreach (var source in upstream[node])
                {
                    if (group.TryAdd(source, id))
                    {
                        stack.Push(source);
                    }
                }
            }

            var start = members.Min(StringComparer.Ordinal)!;
            if (members.Count > 1 || upstream[start].Contains(start, StringComparer.Ordinal))
            {
                cycles.Add(Walk(start, upstream, node => group[node] == id));
            }
        }

        return cycles.OrderBy(c => c[0], StringComparer.Ordinal);
    }

    /// <summary>The shortest cycle through <paramref name="start"/>, found breadth-first along upstream edges inside its group, in data-flow order.</summary>
    private static List<string> Walk(string start, Dictionary<string, List<string>> upstream, Func<string, bool> inGroup)
    {
        var towardStart = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var source in upstream[node].Where(inGroup))
            {
                if (string.Equals(source, start, StringComparison.Ordinal))
                {
                    // start feeds node, which feeds its way back toward start.
                    var cycle = new List<string> { start };
                    for (var at = node; !string.Equals(at, start, StringComparison.Ordinal); at = towardStart[at])
                    {
                        cycle.Add(at);
                    }

                    return cycle;
                }

                if (towardStart.TryAdd(source, node))
                {
                    queue.Enqueue(source);
                }
            }
        }

        throw new InvalidOperationException($"'{start}' lies on no cycle of its group");
    }

    private static string Names(IEnumerable<PortSpec> ports) => ports.Any() ? string.Join(", ", ports.Select(p => p.Name)) : "none";
}
