namespace Takt.Engine.Models.Merging;

/// <summary>How a merge combines its inputs per tensor (research data.md §2.2, mergekit semantics).</summary>
public enum MergeMethod
{
    /// <summary>θ = Σ cᵢθᵢ / Σ cᵢ; recipe name <c>weighted-sum</c>.</summary>
    WeightedSum,

    /// <summary>θ = A + α(B − C), C being the recipe's base; recipe name <c>add-difference</c>.</summary>
    AddDifference,

    /// <summary>TIES over task vectors from the base; recipe name <c>ties</c>.</summary>
    Ties,

    /// <summary>DARE (linear) over task vectors from the base; recipe name <c>dare</c>.</summary>
    Dare,

    /// <summary>Spherical interpolation from A (t = 0) to B (t = 1); recipe name <c>slerp</c>.</summary>
    Slerp,
}
