using System.Text.Json;

namespace Takt.Domain.Workflows;

/// <summary>
/// <c>--set node.param=value</c>: the value is read as JSON when it is JSON (<c>0.5</c>, <c>true</c>,
/// <c>"text"</c>, <c>[1,2]</c>), otherwise taken as text, so <c>--set prompt.text=a cat</c> just works.
/// </summary>
public static class WorkflowOverrides
{
    public static Workflow Apply(Workflow workflow, IEnumerable<string> assignments)
    {
        var problems = new List<WorkflowProblem>();
        var nodes = workflow.Nodes.ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            var dot = equals < 0 ? -1 : assignment.LastIndexOf('.', equals);
            if (equals < 0 || dot <= 0 || dot >= equals - 1)
            {
                problems.Add(new WorkflowProblem(null, null, "bad-override", $"'{assignment}' is not node.param=value"));
                continue;
            }

            var (node, name, text) = (assignment[..dot], assignment[(dot + 1)..equals], assignment[(equals + 1)..]);
            if (!nodes.TryGetValue(node, out var target))
            {
                problems.Add(new WorkflowProblem(node, name, "unknown-node", $"--set names node '{node}', which the workflow does not have"));
                continue;
            }

            var parameters = target.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            parameters[name] = ParseValue(text);
            nodes[node] = target with { Parameters = parameters };
        }

        return problems.Count > 0 ? throw new WorkflowException(problems) : workflow with { Nodes = nodes };
    }

    private static JsonElement ParseValue(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
