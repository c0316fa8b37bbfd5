using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Takt.Domain.Workflows;

/// <summary>
/// Takt's workflow file: <c>{"name": "...", "nodes": {"id": {"type": "takt.resize", "version": 1,
/// "params": {...}, "inputs": {"image": "load.image"}}}}</c>. Reading is strict: an unknown field is
/// an error (a misspelt "param" must not be silently ignored), and every problem is reported at once.
/// </summary>
public static partial class WorkflowJson
{
    private const int MaxNodes = 100_000;

    public static Workflow Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new WorkflowException($"the workflow is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
        catch (ArgumentException)
        {
            // JsonDocument transcodes the string to UTF-8 first, which fails on a lone surrogate.
            throw new WorkflowException("the workflow text has an unpaired UTF-16 surrogate");
        }

        using (document)
        {
            // JsonDocument accepts "\ud800" and only fails when the text is read, which would
            // surface later (validating a choice, writing the canonical file) as another exception type.
            if (HasUnpairedSurrogate(document.RootElement))
            {
                throw new WorkflowException("the workflow has text with an escaped unpaired surrogate (\\ud800-\\udfff)");
            }

            return Read(document.RootElement);
        }
    }

    internal static bool HasUnpairedSurrogate(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return false;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Any(HasUnpairedSurrogate);
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (HasUnpairedSurrogate(property.Value))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static Workflow Read(JsonElement root)
    {
        var problems = new List<WorkflowProblem>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WorkflowException("the workflow must be a JSON object with \"name\" and \"nodes\"");
        }

        var name = "workflow";
        JsonElement? nodes = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in root.EnumerateObject())
        {
            if (!seen.Add(field.Name))
            {
                problems.Add(Problem(null, $"\"{Shown(field.Name)}\" appears twice"));
                continue;
            }

            switch (field.Name)
            {
                case "name" when field.Value.ValueKind == JsonValueKind.String:
                    name = field.Value.GetString()!;
                    break;
                case "name":
                    problems.Add(Problem(null, "\"name\" must be a string"));
                    break;
                case "nodes" when field.Value.ValueKind == JsonValueKind.Object:
                    nodes = field.Value;
                    break;
                case "nodes":
                    problems.Add(Problem(null, "\"nodes\" must be an object keyed by node id"));
                    break;
                case "description" or "$schema":
                    break;
                default:
                    problems.Add(Problem(null, $"unknown field \"{Shown(field.Name)}\" (expected name, description, nodes)"));
                    break;
            }
        }

        var result = new SortedDictionary<string, WorkflowNode>(StringComparer.Ordinal);
        if (nodes is null)
        {
            problems.Add(Problem(null, "\"nodes\" is missing"));
        }
        else
        {
            // Every node counts towards the limit, not only those that parse: a file of bad nodes
            // must not yield an unbounded list of problems.
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in nodes.Value.EnumerateObject())
            {
                if (ids.Count == MaxNodes)
                {
                    problems.Add(Problem(null, $"more than {MaxNodes} nodes"));
                    break;
                }

                if (!ids.Add(node.Name))
                {
                    problems.Add(Problem(Shown(node.Name), "node id appears twice"));
                    continue;
                }

                if (ReadNode(node.Name, node.Value, problems) is { } parsed)
                {
                    result[node.Name] = parsed;
                }
            }
        }

        return problems.Count > 0 ? throw new WorkflowException(problems) : new Workflow(name, result);
    }

    private static WorkflowNode? ReadNode(string id, JsonElement node, List<WorkflowProblem> problems)
    {
        var before = problems.Count;
        var valid = NodeId().IsMatch(id);
        var shown = valid ? id : Shown(id);
        if (!valid)
        {
            problems.Add(Problem(shown, "node ids are 1–64 letters, digits, '_' or '-'"));
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Problem(shown, "a node must be an object with \"type\""));
            return null;
        }

        string? type = null;
        int? inline = null;
        int? version = null;
        var parameters = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        var inputs = new SortedDictionary<string, PortRef>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in node.EnumerateObject())
        {
            if (!seen.Add(field.Name))
            {
                problems.Add(Problem(shown, $"\"{Shown(field.Name)}\" appears twice"));
                continue;
            }

            switch (field.Name)
            {
                case "type" when field.Value.ValueKind == JsonValueKind.String:
                    (type, inline) = SplitType(field.Value.GetString()!);
                    break;
                case "version" when field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt32(out var v) && v > 0:
                    version = v;
                    break;
                case "params" when field.Value.ValueKind == JsonValueKind.Object:
                    foreach (var p in field.Value.EnumerateObject())
                    {
                        if (!parameters.TryAdd(p.Name, p.Value.Clone()))
                        {
                            problems.Add(new WorkflowProblem(shown, p.Name, "invalid-workflow", $"parameter '{Shown(p.Name)}' appears twice"));
                        }
                    }

                    break;
                case "inputs" when field.Value.ValueKind == JsonValueKind.Object:
                    foreach (var input in field.Value.EnumerateObject())
                    {
                        if (inputs.ContainsKey(input.Name))
                        {
                            problems.Add(new WorkflowProblem(shown, input.Name, "invalid-workflow", $"input '{Shown(input.Name)}' appears twice"));
                        }
                        else if (ParseRef(input.Value) is { } reference)
                        {
                            inputs[input.Name] = reference;
                        }
                        else
                        {
                            problems.Add(new WorkflowProblem(shown, input.Name, "bad-input-reference", "an input is written \"node.port\""));
                        }
                    }

                    break;
                case "type" or "version" or "params" or "inputs":
                    problems.Add(Problem(shown, $"\"{field.Name}\" has the wrong JSON type"));
                    break;
                case "title" or "description":
                    break;
                default:
                    problems.Add(Problem(shown, $"unknown field \"{Shown(field.Name)}\" (expected type, version, params, inputs)"));
                    break;
            }
        }

        // "type@2" and "version" may both be given, but must agree; silently preferring one would
        // run a version the author did not ask for.
        if (inline is { } asked && version is { } given && asked != given)
        {
            problems.Add(Problem(shown, $"\"type\" says version {asked} but \"version\" says {given}"));
        }

        version ??= inline;
        if (type is null)
        {
            problems.Add(Problem(shown, "\"type\" is missing"));
        }
        else if (!TypeName().IsMatch(type))
        {
            problems.Add(Problem(shown, $"\"{Shown(type)}\" is not a node type name (lower-case, dotted, optional @version)"));
        }

        return problems.Count > before ? null : new WorkflowNode(id, type!, version, parameters, inputs);
    }

    private static (string Name, int? Version) SplitType(string text)
    {
        var at = text.LastIndexOf('@');
        return at > 0 && int.TryParse(text.AsSpan(at + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0
            ? (text[..at], v)
            : (text, null);
    }

    private static PortRef? ParseRef(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetString()!;
        var dot = text.LastIndexOf('.');
        return dot > 0 && dot < text.Length - 1 ? new PortRef(text[..dot], text[(dot + 1)..]) : null;
    }

    /// <summary>The canonical file: nodes sorted by id, parameters canonical, no whitespace. What a run stores.</summary>
    public static string Serialize(Workflow workflow)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", workflow.Name);
            writer.WriteStartObject("nodes");
            foreach (var (id, node) in workflow.Nodes.OrderBy(n => n.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject(id);
                writer.WriteString("type", node.Type);
                if (node.Version is { } version)
                {
                    writer.WriteNumber("version", version);
                }

                writer.WriteStartObject("params");
                foreach (var (name, value) in node.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    CanonicalJson.Write(writer, value);
                }

                writer.WriteEndObject();
                writer.WriteStartObject("inputs");
                foreach (var (port, source) in node.Inputs.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(port, source.ToString());
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static WorkflowProblem Problem(string? node, string message) => new(node, null, "invalid-workflow", message);

    /// <summary>A name as quoted in a message: a hostile file's megabyte-long key must not make a megabyte-long error.</summary>
    private static string Shown(string name) => name.Length <= 64 ? name : $"{name[..64]}… ({name.Length} characters)";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NodeId();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,127}$")]
    private static partial Regex TypeName();
}
