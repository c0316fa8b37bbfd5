using System.Globalization;
using System.Text.Json;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>Checks a parameter value against its spec; the answer completes a sentence ("'default' must be …").</summary>
internal static class ComfyUiParameterValues
{
    public static string? Problem(ParameterSpec spec, JsonElement value)
    {
        switch (spec.Kind)
        {
            case ParameterKind.Number or ParameterKind.WholeNumber:
                if (value.ValueKind != JsonValueKind.Number)
                {
                    return $"must be a number but is {ComfyUiJson.Describe(value)}";
                }

                var number = value.GetDouble();
                if (spec.Kind == ParameterKind.WholeNumber && (number != Math.Floor(number) || value.GetRawText().Contains('.', StringComparison.Ordinal)))
                {
                    return $"must be a whole number but is {value.GetRawText()}";
                }

                if (number < spec.Min)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"is {value.GetRawText()}, below the minimum {spec.Min}");
                }

                if (number > spec.Max)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"is {value.GetRawText()}, above the maximum {spec.Max}");
                }

                return null;
            case ParameterKind.Text:
                return value.ValueKind == JsonValueKind.String ? null : $"must be text but is {ComfyUiJson.Describe(value)}";
            case ParameterKind.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"must be true or false but is {ComfyUiJson.Describe(value)}";
            case ParameterKind.Choice:
                return value.ValueKind == JsonValueKind.String && spec.Choices is { } choices && choices.Contains(value.GetString()!, StringComparer.Ordinal)
                    ? null
                    : $"must be one of {string.Join(", ", spec.Choices ?? [])}";
            default:
                return null;
        }
    }
}
