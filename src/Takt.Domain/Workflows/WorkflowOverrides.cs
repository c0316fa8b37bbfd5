using System.Text.Json;

namespace Takt.Domain.Workflows;

/// <summary>
/// <c>--set node.param=value</c>: the value is read as JSON when it is JSON (<c>0.5</c>, <c>true</c>,
/// <c>"text"</c>, <c>[1,2]</c>), otherwise taken as text, so <c>--set prompt.text=a cat</c> just works.
/// </summary>
public static class WorkflowOverrides
{
    // A workflow file allows 64 levels and a parameter value starts at the fifth (root, "nodes",
    // the node, "params"); a deeper value would make a stored workflow that cannot be read back.
    private const int MaxValueDepth = 60;

    public static Workflow Apply(Workflow workflow, IEnumerable<string> assignments)
    {
        var problems = new List<WorkflowProblem>();
        var nodes = workflow.Nodes.ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            // Node ids never contain a dot, so the first one ends the node; a parameter name may have more.
            var dot = equals < 0 ? -1 : assignment.IndexOf('.', 0, equals);
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

            if (ParseValue(text) is not { } value)
            {
                problems.Add(new WorkflowProblem(node, name, "bad-override", "the value has an unpaired UTF-16 surrogate"));
                continue;
            }

            if (Depth(value) > MaxValueDepth)
            {
                problems.Add(new WorkflowProblem(node, name, "bad-override", $"the value nests deeper than {MaxValueDepth} levels"));
                continue;
            }

            var parameters = target.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            parameters[name] = value;
            nodes[node] = target with { Parameters = parameters };
        }

        return problems.Count > 0 ? throw new WorkflowException(problems) : workflow with { Nodes = nodes };
    }

    /// <summary>The value as JSON when it is JSON, else as text; null when it holds an unpaired surrogate (raw or escaped).</summary>
    private static JsonElement? ParseValue(string text)
    {
        JsonElement value;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 1000 });
            value = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            value = JsonSerializer.SerializeToElement(text);
        }
        catch (ArgumentException)
        {
            // Transcoding to UTF-8 fails on a raw lone surrogate.
            return null;
        }

        return WorkflowJson.HasUnpairedSurrogate(value) ? null : value;
    }

    private static int Depth(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => 1 + value.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        JsonValueKind.Object => 1 + value.EnumerateObject().Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}
