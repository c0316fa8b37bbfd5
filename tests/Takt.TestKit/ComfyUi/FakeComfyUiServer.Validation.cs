using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Takt.TestKit.ComfyUi;

public sealed partial class FakeComfyUiServer
{
    private sealed record Validation(JsonObject? Rejection, List<string> GoodOutputs, JsonObject NodeErrors);

    /// <summary>
    /// ComfyUI's validate_prompt: every class must exist; each output node's upstream is checked
    /// against /object_info; outputs that fail are dropped, and only if none is left is the prompt
    /// rejected (400). Otherwise it is queued with the good outputs and the errors ride along on the 200.
    /// </summary>
    private Validation Validate(JsonObject prompt)
    {
        var info = FakeComfyUiObjectInfo.Build(InputFiles());
        foreach (var (id, node) in prompt)
        {
            if (node?["class_type"] is not JsonValue c || !c.TryGetValue<string>(out var classType))
            {
                return new(Rejection("invalid_prompt", "Cannot execute because a node is missing the class_type property.", $"Node ID '#{id}'"), [], []);
            }

            if (info[classType] is null)
            {
                return new(Rejection("invalid_prompt", $"Cannot execute because node {classType} does not exist.", $"Node ID '#{id}'"), [], []);
            }
        }

        var outputs = prompt.Where(n => info[(string)n.Value!["class_type"]!]!["output_node"]!.GetValue<bool>()).Select(n => n.Key).ToList();
        if (outputs.Count == 0)
        {
            return new(Rejection("prompt_no_outputs", "Prompt has no outputs", ""), [], []);
        }

        var errors = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var good = new List<string>();
        foreach (var output in outputs)
        {
            var failed = new HashSet<string>(StringComparer.Ordinal);
            if (ValidateNode(prompt, info, output, errors, verdicts, failed))
            {
                good.Add(output);
            }

            foreach (var node in failed)
            {
                (dependents.TryGetValue(node, out var list) ? list : dependents[node] = []).Add(output);
            }
        }

        var nodeErrors = new JsonObject();
        foreach (var (id, list) in errors)
        {
            nodeErrors[id] = new JsonObject
            {
                ["errors"] = new JsonArray(list.Select(e => (JsonNode?)e).ToArray()),
                ["dependent_outputs"] = new JsonArray(dependents.GetValueOrDefault(id, []).Select(o => (JsonNode?)o).ToArray()),
                ["class_type"] = (string)prompt[id]!["class_type"]!,
            };
        }

        if (good.Count == 0)
        {
            var details = string.Join("\n", errors.SelectMany(e => e.Value.Select(v => $"{(string)v["message"]!}: {(string)v["details"]!}")));
            var rejection = Rejection("prompt_outputs_failed_validation", "Prompt outputs failed validation", details);
            rejection["node_errors"] = nodeErrors;
            return new(rejection, [], nodeErrors);
        }

        return new(null, good, nodeErrors);
    }

    private static bool ValidateNode(JsonObject prompt, JsonObject info, string id, Dictionary<string, List<JsonObject>> errors, Dictionary<string, bool> verdicts, HashSet<string> failed)
    {
        if (verdicts.TryGetValue(id, out var known))
        {
            if (!known)
            {
                failed.Add(id);
            }

            return known;
        }

        verdicts[id] = true;
        var node = prompt[id]!;
        var classType = (string)node["class_type"]!;
        var inputs = node["inputs"] as JsonObject ?? [];
        var required = (JsonObject)info[classType]!["input"]!["required"]!;
        var own = new List<JsonObject>();
        var valid = true;
        foreach (var (name, specNode) in required)
        {
            var spec = (JsonArray)specNode!;
            if (!inputs.TryGetPropertyValue(name, out var value) || value is null)
            {
                own.Add(Error("required_input_missing", "Required input is missing", name, name, null));
                continue;
            }

            if (value is JsonArray { Count: 2 } link && link[1] is JsonValue slotValue && slotValue.GetValueKind() == JsonValueKind.Number)
            {
                var from = link[0]!.GetValueKind() == JsonValueKind.String ? link[0]!.GetValue<string>() : link[0]!.ToJsonString();
                if (prompt[from] is null)
                {
                    own.Add(Error("bad_linked_input", "Bad linked input, must be a length-2 list of [node_id, slot_index]", name, name, value));
                    continue;
                }

                var sourceOutputs = (JsonArray)info[(string)prompt[from]!["class_type"]!]!["output"]!;
                var slot = slotValue.GetValue<int>();
                var expected = spec[0] is JsonValue type ? type.GetValue<string>() : "COMBO";
                if (slot < 0 || slot >= sourceOutputs.Count || !string.Equals((string)sourceOutputs[slot]!, expected, StringComparison.Ordinal))
                {
                    own.Add(Error("return_type_mismatch", "Return type mismatch between linked nodes", $"{name}, received_type({(slot >= 0 && slot < sourceOutputs.Count ? (string)sourceOutputs[slot]! : "?")}) mismatch input_type({expected})", name, value));
                    continue;
                }

                valid &= ValidateNode(prompt, info, from, errors, verdicts, failed);
                continue;
            }

            if (ValidateConstant(name, spec, value) is { } error)
            {
                own.Add(error);
            }
        }

        if (own.Count > 0)
        {
            errors[id] = own;
        }

        verdicts[id] = valid && own.Count == 0;
        if (!verdicts[id])
        {
            failed.Add(id);
        }

        return verdicts[id];
    }

    private static JsonObject? ValidateConstant(string name, JsonArray spec, JsonNode value)
    {
        var options = spec.Count > 1 ? spec[1] as JsonObject : null;
        if (spec[0] is JsonArray choices)
        {
            var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.ToJsonString();
            return choices.Any(c => string.Equals((string)c!, text, StringComparison.Ordinal))
                ? null
                : Error("value_not_in_list", "Value not in list", $"{name}: '{text}' not in (list of length {choices.Count})", name, value);
        }

        switch ((string)spec[0]!)
        {
            case "INT" or "FLOAT":
                if (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number)
                {
                    return Error("invalid_input_type", $"Failed to convert an input {name} value to a {(string)spec[0]!} value", $"{name}, {value.ToJsonString()}", name, value);
                }

                var x = Number(number);
                if (options?["min"] is JsonValue min && x < Number(min))
                {
                    return Error("value_smaller_than_min", string.Create(CultureInfo.InvariantCulture, $"Value {x} smaller than min of {min.ToJsonString()}"), name, name, value);
                }

                if (options?["max"] is JsonValue max && x > Number(max))
                {
                    return Error("value_bigger_than_max", string.Create(CultureInfo.InvariantCulture, $"Value {x} bigger than max of {max.ToJsonString()}"), name, name, value);
                }

                return null;
            case "STRING":
                return value is JsonValue s && s.GetValueKind() == JsonValueKind.String
                    ? null
                    : Error("invalid_input_type", $"Failed to convert an input {name} value to a STRING value", $"{name}, {value.ToJsonString()}", name, value);
            default:
                return Error("bad_linked_input", "Bad linked input, must be a length-2 list of [node_id, slot_index]", name, name, value);
        }
    }

    /// <summary>A number whatever its CLR type: JsonValue.GetValue converts only values parsed from JSON.</summary>
    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static JsonObject Error(string type, string message, string details, string input, JsonNode? received) => new()
    {
        ["type"] = type,
        ["message"] = message,
        ["details"] = details,
        ["extra_info"] = new JsonObject
        {
            ["input_name"] = input,
            ["input_config"] = null,
            ["received_value"] = received?.DeepClone(),
        },
    };
}
