namespace Takt.Domain.Models;

/// <summary>How DARE scales the entries that survive dropping.</summary>
public enum DareRescale
{
    /// <summary>No rescale: the task vector shrinks by the drop probability on average.</summary>
    None,

    /// <summary>The DARE paper's 1/(1 − p), which keeps each entry's expectation.</summary>
    InverseKeep,

    /// <summary>mergekit's default: scale the survivors so the task vector keeps its L1 norm (1/(1 − p) in expectation, exact per tensor).</summary>
    L1Norm,
}
