namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// ComfyUI's answer to <c>POST /prompt</c>. <see cref="NodeErrors"/> can be non-empty on success:
/// ComfyUI then queued the prompt with only the output nodes that passed validation.
/// </summary>
public sealed record ComfyUiSubmission(string PromptId, double Number, IReadOnlyList<ComfyUiNodeError> NodeErrors);

/// <summary>One validation error ComfyUI reported for a node, with the input it concerns when it said which.</summary>
public sealed record ComfyUiNodeError(string NodeId, string? ClassType, string Type, string Message, string? Details, string? InputName, IReadOnlyList<string> DependentOutputs)
{
    public override string ToString()
    {
        var node = ClassType is null ? $"node {NodeId}" : $"node {NodeId} ({ClassType})";
        var input = InputName is null ? "" : $" input '{InputName}'";
        var details = string.IsNullOrEmpty(Details) ? "" : $": {Details}";
        return $"{node}{input}: {Message}{details}";
    }
}
