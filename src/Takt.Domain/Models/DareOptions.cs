namespace Takt.Domain.Models;

/// <summary>
/// A DARE merge of one tensor. The drop mask is a pure function of (<see cref="Seed"/>,
/// <see cref="TensorKey"/>, input index, element index), so a merge is reproducible and does not
/// depend on how tensors are scheduled over threads.
/// </summary>
public sealed record DareOptions
{
    /// <summary>Probability p of dropping each task-vector entry, in [0, 1] (mergekit's density is 1 − p).</summary>
    public required double DropProbability { get; init; }

    public required ulong Seed { get; init; }

    /// <summary>Identifies the tensor so tensors of one merge draw different masks; see <see cref="MergeKernels.TensorKey"/>.</summary>
    public required ulong TensorKey { get; init; }

    /// <summary>
    /// Index in the tensor of the first element passed (0 for a whole tensor): a tensor merged in
    /// chunks (<see cref="MergeKernels.DareChunk"/>) draws each element's mask by its place in the tensor.
    /// </summary>
    public int FirstIndex { get; init; }

    public DareRescale Rescale { get; init; } = DareRescale.InverseKeep;

    public TaskVectorCombination Combination { get; init; } = TaskVectorCombination.Linear;

    /// <summary>λ, the scale of the merged task vector.</summary>
    public float Lambda { get; init; } = 1;

    /// <summary>Divide by the (agreeing) coefficients' sum; mergekit's DARE default is not to.</summary>
    public bool Normalize { get; init; }
}
