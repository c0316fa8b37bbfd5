namespace Takt.Engine.Models.Safetensors;

/// <summary>
/// A file that is not valid safetensors; the message starts with the rule's name. An exception
/// rather than a result: a model file failing validation is corrupt or hostile input met
/// mid-operation, not an expected outcome a caller branches on.
/// </summary>
public sealed class SafetensorsFormatException(SafetensorsRule rule, string? tensor, string detail)
    : IOException(tensor is null ? $"{rule}: {detail}" : $"{rule}: tensor '{tensor}': {detail}")
{
    public SafetensorsRule Rule { get; } = rule;

    /// <summary>The tensor (or header key) the problem is in; null for file-level rules.</summary>
    public string? Tensor { get; } = tensor;
}
