namespace Takt.Engine.Models.Merging;

/// <summary>
/// A recipe or a set of inputs that cannot be merged (bad recipe, missing tensor, shape mismatch).
/// An exception: it is met while streaming files, and the merge as a whole cannot go on.
/// </summary>
public sealed class MergeException(string message, string? tensor = null) : Exception(message)
{
    /// <summary>The tensor the problem is in, when it is in one.</summary>
    public string? Tensor { get; } = tensor;
}
