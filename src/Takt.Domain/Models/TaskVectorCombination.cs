namespace Takt.Domain.Models;

/// <summary>How DARE combines the sparsified task vectors (mergekit <c>dare_linear</c> or <c>dare_ties</c>).</summary>
public enum TaskVectorCombination
{
    /// <summary>θ_base + λ·Σ wᵢδᵢ (divided by Σ wᵢ when normalising).</summary>
    Linear,

    /// <summary>TIES sign election, then the sum of agreeing wᵢδᵢ (divided by their Σ wᵢ when normalising).</summary>
    Ties,
}
