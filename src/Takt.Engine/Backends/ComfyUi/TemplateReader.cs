using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>Reads template fields and collects every problem, so one run of the parser names them all.</summary>
internal sealed partial class TemplateReader(List<string> problems)
{
    public void Problem(string problem) => problems.Add(problem);

    public void UnknownFields(JsonElement element, string[] allowed, string what)
    {
        foreach (var property in element.EnumerateObject().Where(p => !allowed.Contains(p.Name, StringComparer.Ordinal)))
        {
            Problem($"{what}: unknown field '{property.Name}' (known: {string.Join(", ", allowed)})");
        }
    }

    public string? String(JsonElement element, string name, string what, bool required)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            if (required)
            {
                Problem($"{what} is missing");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Problem($"{what} must be a string but is {ComfyUiJson.Describe(value)}");
            return null;
        }

        return value.GetString();
    }

    public int? WholeNumber(JsonElement element, string name, string what)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            Problem($"{what} is missing");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Problem($"{what} must be a whole number but is {ComfyUiJson.Describe(value)}");
            return null;
        }

        return number;
    }

    public double? Number(JsonElement element, string name, string what)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            Problem($"{what} must be a number but is {ComfyUiJson.Describe(value)}");
            return null;
        }

        return value.GetDouble();
    }

    public bool? Boolean(JsonElement element, string name, string what)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem($"{what} must be true or false but is {ComfyUiJson.Describe(value)}");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>The entries of an optional object section (parameters, inputs, outputs), each a named object.</summary>
    public IEnumerable<(string Name, JsonElement Spec)> Section(JsonElement root, string section)
    {
        if (!root.TryGetProperty(section, out var element))
        {
            yield break;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem($"'{section}' must be an object but is {ComfyUiJson.Describe(element)}");
            yield break;
        }

        foreach (var entry in element.EnumerateObject())
        {
            if (!PortName().IsMatch(entry.Name))
            {
                Problem($"{section}: name '{entry.Name}' must start with a letter and hold only letters, digits, '_' or '-'");
                continue;
            }

            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                Problem($"{section}: '{entry.Name}' must be an object but is {ComfyUiJson.Describe(entry.Value)}");
                continue;
            }

            yield return (entry.Name, entry.Value);
        }
    }

    /// <summary>The <c>target</c> field: one <c>node.input</c> or a list of them; each input may be claimed once in a template.</summary>
    public List<ComfyUiTarget> Targets(JsonElement spec, string what, JsonObject? workflow, Dictionary<string, string> used)
    {
        var targets = new List<ComfyUiTarget>();
        if (!spec.TryGetProperty("target", out var element))
        {
            Problem($"{what}: 'target' (node.input, e.g. \"3.seed\") is missing");
            return targets;
        }

        var texts = element.ValueKind switch
        {
            JsonValueKind.String => [element],
            JsonValueKind.Array => element.EnumerateArray().ToList(),
            _ => [],
        };
        if (texts.Count == 0 || texts.Any(t => t.ValueKind != JsonValueKind.String))
        {
            Problem($"{what}: 'target' must be \"node.input\" or a non-empty list of them");
            return targets;
        }

        foreach (var text in texts.Select(t => t.GetString()!))
        {
            if (Check(text, what, workflow) is not { } target)
            {
                continue;
            }

            if (!used.TryAdd(target.ToString(), what))
            {
                Problem($"{what}: target '{target}' is already set by {used[target.ToString()]}");
                continue;
            }

            targets.Add(target);
        }

        return targets;
    }

    public ComfyUiTarget? SingleTarget(JsonElement spec, string field, string what, JsonObject? workflow)
    {
        var text = String(spec, field, $"{what}: '{field}'", required: true);
        return text is null ? null : Check(text, what, workflow);
    }

    public IReadOnlyList<string>? Choices(JsonElement spec, string what, ParameterKind kind)
    {
        if (!spec.TryGetProperty("choices", out var element))
        {
            if (kind == ParameterKind.Choice)
            {
                Problem($"{what}: kind choice needs 'choices'");
            }

            return null;
        }

        if (kind != ParameterKind.Choice)
        {
            Problem($"{what}: 'choices' applies only to kind choice");
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0 || element.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
        {
            Problem($"{what}: 'choices' must be a non-empty list of strings");
            return null;
        }

        var choices = element.EnumerateArray().Select(c => c.GetString()!).ToList();
        foreach (var duplicate in choices.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Problem($"{what}: choice '{duplicate.Key}' appears more than once");
        }

        return choices;
    }

    public PortType? FileType(JsonElement spec, string what, Dictionary<string, PortType> types)
    {
        var text = String(spec, "type", $"{what}: 'type'", required: true);
        if (text is null)
        {
            return null;
        }

        if (!types.TryGetValue(text, out var type))
        {
            Problem($"{what}: type '{text}' is not one of {string.Join(", ", types.Keys)}");
            return null;
        }

        return type;
    }

    private ComfyUiTarget? Check(string text, string what, JsonObject? workflow)
    {
        if (ComfyUiTarget.TryParse(text) is not { } target)
        {
            Problem($"{what}: target '{text}' is not of the form node.input (e.g. \"3.seed\")");
            return null;
        }

        if (workflow is null)
        {
            return target;
        }

        if (workflow[target.NodeId] is not JsonObject node)
        {
            Problem($"{what}: target '{text}' names node {target.NodeId}, which the workflow lacks");
            return null;
        }

        var classType = node["class_type"] is JsonValue c && c.TryGetValue<string>(out var s) ? s : "?";
        if (node["inputs"] is not JsonObject inputs || !inputs.TryGetPropertyValue(target.Input, out var value))
        {
            Problem($"{what}: target '{text}': node {target.NodeId} ({classType}) has no input '{target.Input}' in the workflow");
            return null;
        }

        if (value is JsonArray { Count: 2 } link && link[1] is JsonValue)
        {
            Problem(string.Create(CultureInfo.InvariantCulture, $"{what}: target '{text}' is linked to node {link[0]}; a template may only set constant inputs"));
            return null;
        }

        return target;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex PortName();
}
