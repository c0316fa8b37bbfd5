using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.ComfyUi;

public sealed partial class ComfyUiWorkflowTemplate
{
    private static readonly string[] TopLevelFields = ["name", "version", "description", "workflow", "parameters", "inputs", "outputs", "seed", "models"];
    private static readonly string[] ParameterFields = ["target", "kind", "min", "max", "default", "choices", "description"];
    private static readonly string[] InputFields = ["target", "type", "optional", "description"];
    private static readonly string[] OutputFields = ["node", "type", "description"];
    private static readonly string[] ModelFields = ["target", "role", "strength"];

    private static readonly Dictionary<string, ParameterKind> Kinds = new(StringComparer.Ordinal)
    {
        ["number"] = ParameterKind.Number,
        ["wholeNumber"] = ParameterKind.WholeNumber,
        ["text"] = ParameterKind.Text,
        ["boolean"] = ParameterKind.Boolean,
        ["choice"] = ParameterKind.Choice,
        ["json"] = ParameterKind.Json,
    };

    /// <summary>Port types that travel as files: inputs are uploaded, outputs downloaded.</summary>
    private static readonly Dictionary<string, PortType> FileTypes = new(StringComparer.Ordinal)
    {
        ["image"] = PortType.Image,
        ["mask"] = PortType.Mask,
        ["video"] = PortType.Video,
        ["audio"] = PortType.Audio,
    };

    /// <summary>Parses a template; <paramref name="source"/> names it in messages.</summary>
    public static ComfyUiWorkflowTemplate Parse(string json, string source)
    {
        JsonElement root;
        try
        {
            // Duplicate keys would silently keep one of two meanings: refuse them.
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ComfyUiTemplateException(source, [$"not valid JSON ({e.Message})"]);
        }

        var problems = new List<string>();
        var reader = new TemplateReader(problems);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ComfyUiTemplateException(source, ["the file must hold a JSON object"]);
        }

        reader.UnknownFields(root, TopLevelFields, "the template");
        var name = reader.String(root, "name", "'name'", required: true);
        if (name is not null && !NamePattern().IsMatch(name))
        {
            problems.Add($"'name' \"{name}\" must be lower-case letters, digits, '-', '_' or '.' (it becomes node type comfyui.{name})");
        }

        var version = reader.WholeNumber(root, "version", "'version'") ?? 0;
        if (root.TryGetProperty("version", out _) && version < 1)
        {
            problems.Add("'version' must be a whole number of at least 1");
        }

        var description = reader.String(root, "description", "'description'", required: false);
        var workflow = ReadWorkflow(root, problems);
        var usedTargets = new Dictionary<string, string>(StringComparer.Ordinal);
        var parameters = ReadParameters(root, workflow, reader, usedTargets);
        var inputs = ReadInputs(root, workflow, reader, usedTargets, parameters);
        var outputs = ReadOutputs(root, workflow, reader);
        var seed = ReadSeed(root, parameters, reader);
        var models = ReadModels(root, workflow, reader);

        if (problems.Count > 0)
        {
            throw new ComfyUiTemplateException(source, problems);
        }

        return new ComfyUiWorkflowTemplate(name!, version, description, workflow!, parameters, inputs, outputs, seed, models, source);
    }

    private static JsonObject? ReadWorkflow(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("workflow", out var element))
        {
            problems.Add("'workflow' is missing: it holds the API-format prompt ({\"id\": {\"class_type\", \"inputs\"}})");
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"'workflow' must be an object of nodes but is {ComfyUiJson.Describe(element)}");
            return null;
        }

        if (element.TryGetProperty("nodes", out var n) && n.ValueKind == JsonValueKind.Array && element.TryGetProperty("links", out _))
        {
            problems.Add("'workflow' is in ComfyUI's UI format (nodes and links); export it with \"Save (API Format)\" instead");
            return null;
        }

        if (!element.EnumerateObject().Any())
        {
            problems.Add("'workflow' has no nodes");
        }

        var ids = element.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var node in element.EnumerateObject())
        {
            var where = $"workflow node {node.Name}";
            if (node.Value.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{where} must be an object but is {ComfyUiJson.Describe(node.Value)}");
                continue;
            }

            if (!node.Value.TryGetProperty("class_type", out var classType) || classType.ValueKind != JsonValueKind.String || classType.GetString()!.Length == 0)
            {
                problems.Add($"{where} has no 'class_type'");
            }

            if (!node.Value.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{where} has no 'inputs' object");
                continue;
            }

            foreach (var input in inputs.EnumerateObject().Where(i => i.Value.ValueKind == JsonValueKind.Array && i.Value.GetArrayLength() == 2))
            {
                // A two-element list whose first item is a string id is a link [node, slot]; check it points somewhere.
                var from = input.Value[0];
                var slot = input.Value[1];
                if (from.ValueKind == JsonValueKind.String && slot.ValueKind == JsonValueKind.Number && !ids.Contains(from.GetString()!))
                {
                    problems.Add($"{where} input '{input.Name}' links to node {from.GetString()}, which the workflow lacks");
                }
            }
        }

        return (JsonObject)JsonNode.Parse(element.GetRawText())!;
    }

    private static List<ComfyUiTemplateParameter> ReadParameters(JsonElement root, JsonObject? workflow, TemplateReader reader, Dictionary<string, string> usedTargets)
    {
        var result = new List<ComfyUiTemplateParameter>();
        foreach (var (name, spec) in reader.Section(root, "parameters"))
        {
            var what = $"parameter '{name}'";
            reader.UnknownFields(spec, ParameterFields, what);
            var targets = reader.Targets(spec, what, workflow, usedTargets);
            var kindText = reader.String(spec, "kind", $"{what}: 'kind'", required: true);
            if (kindText is null)
            {
                continue;
            }

            if (!Kinds.TryGetValue(kindText, out var kind))
            {
                reader.Problem($"{what}: kind '{kindText}' is not one of {string.Join(", ", Kinds.Keys)}");
                continue;
            }

            var min = reader.Number(spec, "min", $"{what}: 'min'");
            var max = reader.Number(spec, "max", $"{what}: 'max'");
            if (min > max)
            {
                reader.Problem($"{what}: 'min' ({min}) is above 'max' ({max})");
            }

            if ((min is not null || max is not null) && kind is not (ParameterKind.Number or ParameterKind.WholeNumber))
            {
                reader.Problem($"{what}: 'min' and 'max' apply only to kinds number and wholeNumber");
            }

            var choices = reader.Choices(spec, what, kind);
            JsonElement? defaultValue = spec.TryGetProperty("default", out var d) ? d.Clone() : null;
            var parameter = new ParameterSpec(name, kind, defaultValue, min, max, choices, reader.String(spec, "description", $"{what}: 'description'", required: false));
            if (defaultValue is { } value && ComfyUiParameterValues.Problem(parameter, value) is { } problem)
            {
                reader.Problem($"{what}: 'default' {problem}");
            }

            result.Add(new ComfyUiTemplateParameter(parameter, targets));
        }

        return result;
    }

    private static List<ComfyUiTemplateInput> ReadInputs(JsonElement root, JsonObject? workflow, TemplateReader reader, Dictionary<string, string> usedTargets, List<ComfyUiTemplateParameter> parameters)
    {
        var result = new List<ComfyUiTemplateInput>();
        foreach (var (name, spec) in reader.Section(root, "inputs"))
        {
            var what = $"input '{name}'";
            if (parameters.Any(p => string.Equals(p.Spec.Name, name, StringComparison.Ordinal)))
            {
                reader.Problem($"{what}: the name is also a parameter's; use distinct names");
            }

            reader.UnknownFields(spec, InputFields, what);
            var targets = reader.Targets(spec, what, workflow, usedTargets);
            var type = reader.FileType(spec, what, FileTypes);
            var optional = reader.Boolean(spec, "optional", $"{what}: 'optional'") ?? false;
            if (type is { } portType)
            {
                result.Add(new ComfyUiTemplateInput(new PortSpec(name, portType, optional, reader.String(spec, "description", $"{what}: 'description'", required: false)), targets));
            }
        }

        return result;
    }

    private static List<ComfyUiTemplateOutput> ReadOutputs(JsonElement root, JsonObject? workflow, TemplateReader reader)
    {
        var result = new List<ComfyUiTemplateOutput>();
        if (!root.TryGetProperty("outputs", out _))
        {
            reader.Problem("'outputs' is missing: name at least one output node, e.g. {\"image\": {\"type\": \"image\", \"node\": \"9\"}}");
        }

        foreach (var (name, spec) in reader.Section(root, "outputs"))
        {
            var what = $"output '{name}'";
            reader.UnknownFields(spec, OutputFields, what);
            var type = reader.FileType(spec, what, FileTypes);
            var node = spec.TryGetProperty("node", out var n) && n.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? (n.ValueKind == JsonValueKind.String ? n.GetString() : n.GetRawText())
                : null;
            if (node is null)
            {
                reader.Problem($"{what}: 'node' (the output node's id) is missing or not a string");
            }
            else if (workflow is not null && !workflow.ContainsKey(node))
            {
                reader.Problem($"{what}: node {node} is not in the workflow");
            }

            if (type is { } portType && node is not null)
            {
                result.Add(new ComfyUiTemplateOutput(new PortSpec(name, portType, Optional: false, reader.String(spec, "description", $"{what}: 'description'", required: false)), node));
            }
        }

        return result;
    }

    private static string? ReadSeed(JsonElement root, List<ComfyUiTemplateParameter> parameters, TemplateReader reader)
    {
        var seed = reader.String(root, "seed", "'seed'", required: false);
        if (seed is null)
        {
            return null;
        }

        var parameter = parameters.FirstOrDefault(p => string.Equals(p.Spec.Name, seed, StringComparison.Ordinal));
        if (parameter is null)
        {
            reader.Problem($"'seed' names parameter '{seed}', which is not declared");
        }
        else if (parameter.Spec.Kind != ParameterKind.WholeNumber)
        {
            reader.Problem($"'seed' names parameter '{seed}', which must be of kind wholeNumber");
        }

        return seed;
    }

    private static List<ComfyUiTemplateModel> ReadModels(JsonElement root, JsonObject? workflow, TemplateReader reader)
    {
        var result = new List<ComfyUiTemplateModel>();
        if (!root.TryGetProperty("models", out var models))
        {
            return result;
        }

        if (models.ValueKind != JsonValueKind.Array)
        {
            reader.Problem($"'models' must be a list but is {ComfyUiJson.Describe(models)}");
            return result;
        }

        var index = 0;
        foreach (var model in models.EnumerateArray())
        {
            var what = $"models[{index++}]";
            if (model.ValueKind != JsonValueKind.Object)
            {
                reader.Problem($"{what} must be an object");
                continue;
            }

            reader.UnknownFields(model, ModelFields, what);
            var target = reader.SingleTarget(model, "target", what, workflow);
            var strength = model.TryGetProperty("strength", out _) ? reader.SingleTarget(model, "strength", what, workflow) : null;
            var role = reader.String(model, "role", $"{what}: 'role'", required: true);
            if (target is not null && role is not null)
            {
                result.Add(new ComfyUiTemplateModel(target, role, strength));
            }
        }

        return result;
    }

    [GeneratedRegex("^[a-z0-9]+([._-][a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}
