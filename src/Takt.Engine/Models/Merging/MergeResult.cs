namespace Takt.Engine.Models.Merging;

/// <summary>
/// A committed merge. <see cref="KeptFractions"/> (TIES and DARE only, else null) is per input, in
/// recipe order: the share of its task vector that survived, averaged over tensors by parameter count.
/// </summary>
public sealed record MergeResult(
    string OutputPath,
    string DataHash,
    long ParameterCount,
    int TensorCount,
    IReadOnlyList<string> InputHashes,
    string? BaseHash,
    IReadOnlyList<double>? KeptFractions);
