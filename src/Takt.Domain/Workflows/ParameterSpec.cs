using System.Text.Json;

namespace Takt.Domain.Workflows;

/// <summary>
/// A parameter of a node type: its kind, range and default. A parameter with no default is
/// required. Ranges are inclusive.
/// </summary>
public sealed record ParameterSpec(
    string Name,
    ParameterKind Kind,
    JsonElement? Default = null,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Choices = null,
    string? Description = null)
{
    public bool Required => Default is null;
}
