using System.Globalization;
using System.Text.Json;

namespace Takt.Domain.Workflows;

/// <summary>Checks a node's parameter values against its type and fills in defaults.</summary>
public static class NodeParameters
{
    public static IReadOnlyDictionary<string, JsonElement> Resolve(WorkflowNode node, NodeType type, List<WorkflowProblem> problems)
    {
        var resolved = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in node.Parameters)
        {
            var spec = type.Parameter(name);
            if (spec is null)
            {
                var known = type.Parameters.Count == 0 ? "none" : string.Join(", ", type.Parameters.Select(p => p.Name));
                problems.Add(new WorkflowProblem(node.Id, name, "unknown-parameter", $"'{type.Key}' has no parameter '{name}' (parameters: {known})"));
                continue;
            }

            if (Check(spec, value) is { } problem)
            {
                problems.Add(new WorkflowProblem(node.Id, name, problem.Code, problem.Message));
                continue;
            }

            resolved[name] = value;
        }

        foreach (var spec in type.Parameters.Where(p => !resolved.ContainsKey(p.Name) && !node.Parameters.ContainsKey(p.Name)))
        {
            if (spec.Default is { } fallback)
            {
                resolved[spec.Name] = fallback;
            }
            else
            {
                problems.Add(new WorkflowProblem(node.Id, spec.Name, "missing-parameter", "required parameter has no value"));
            }
        }

        return resolved;
    }

    /// <summary>Why <paramref name="value"/> does not fit <paramref name="spec"/>, or null when it does.</summary>
    public static (string Code, string Message)? Check(ParameterSpec spec, JsonElement value)
    {
        switch (spec.Kind)
        {
            case ParameterKind.Number or ParameterKind.WholeNumber:
                if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
                {
                    return ("parameter-type", $"expects a {(spec.Kind == ParameterKind.WholeNumber ? "whole number" : "number")}, got {Describe(value)}");
                }

                var number = value.GetDouble();
                if (spec.Kind == ParameterKind.WholeNumber && number != Math.Floor(number))
                {
                    return ("parameter-type", $"expects a whole number, got {value.GetRawText()}");
                }

                if (number < spec.Min || number > spec.Max)
                {
                    return ("out-of-range", $"{value.GetRawText()} is outside {Format(spec.Min)}..{Format(spec.Max)}");
                }

                return null;
            case ParameterKind.Text:
                return value.ValueKind == JsonValueKind.String ? null : ("parameter-type", $"expects text, got {Describe(value)}");
            case ParameterKind.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : ("parameter-type", $"expects true or false, got {Describe(value)}");
            case ParameterKind.Choice:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return ("parameter-type", $"expects one of {string.Join(", ", spec.Choices ?? [])}, got {Describe(value)}");
                }

                return spec.Choices is { } choices && !choices.Contains(value.GetString()!, StringComparer.Ordinal)
                    ? ("not-a-choice", $"'{value.GetString()}' is not one of {string.Join(", ", choices)}")
                    : null;
            default:
                return null;
        }
    }

    private static string Format(double? bound) => bound is { } b ? b.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"text \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => $"number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "a list",
        _ => "an object",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
