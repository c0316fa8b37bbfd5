using System.Globalization;
using System.Text.Json;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.BuiltIn;

/// <summary>
/// A node's parameter values read against its declared specs: the given value or the default,
/// of the declared kind, within the declared range. Anything else is a permanent failure that
/// names the node, the parameter and the value, since retrying cannot fix it.
/// </summary>
internal sealed class NodeParameters(NodeType type, IReadOnlyDictionary<string, JsonElement> values)
{
    public double Number(string name)
    {
        var (spec, value) = Get(name, ParameterKind.Number, ParameterKind.WholeNumber);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw Invalid($"parameter '{name}' must be a finite number, not {value.GetRawText()}");
        }

        if (spec.Kind == ParameterKind.WholeNumber && Math.Floor(number) != number)
        {
            throw Invalid($"parameter '{name}' must be a whole number, not {value.GetRawText()}");
        }

        if (number < spec.Min || number > spec.Max)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' is {number}, outside {spec.Min}..{spec.Max}"));
        }

        return number;
    }

    public int Whole(string name) => checked((int)Number(name));

    public string Text(string name)
    {
        var (_, value) = Get(name, ParameterKind.Text);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid($"parameter '{name}' must be a string, not {value.GetRawText()}");
    }

    public string Choice(string name)
    {
        var (spec, value) = Get(name, ParameterKind.Choice);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return text is not null && (spec.Choices ?? []).Contains(text, StringComparer.Ordinal)
            ? text
            : throw Invalid($"parameter '{name}' must be one of {string.Join(", ", spec.Choices ?? [])}, not {value.GetRawText()}");
    }

    public JsonElement Json(string name) => Get(name, ParameterKind.Json).Value;

    public BackendException Invalid(string problem) => new($"{type.Name}: {problem}", transient: false);

    private (ParameterSpec Spec, JsonElement Value) Get(string name, params ParameterKind[] kinds)
    {
        var spec = type.Parameter(name) ?? throw new InvalidOperationException($"{type.Key} declares no parameter '{name}'");
        if (!kinds.Contains(spec.Kind))
        {
            throw new InvalidOperationException($"{type.Key} declares '{name}' as {spec.Kind}");
        }

        if (values.TryGetValue(name, out var value))
        {
            return (spec, value);
        }

        return spec.Default is { } fallback ? (spec, fallback) : throw Invalid($"parameter '{name}' is required");
    }
}
