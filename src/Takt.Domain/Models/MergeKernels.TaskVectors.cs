using System.Buffers;
using System.Numerics;
using System.Text;

namespace Takt.Domain.Models;

public static partial class MergeKernels
{
    /// <summary>
    /// TIES θ = θ_base + λ·δ (mergekit <c>ties</c>): each task vector δᵢ = θᵢ − θ_base keeps its top
    /// ⌊density·n⌋ entries by magnitude (ties broken by index), the sign of Σ cᵢδᵢ is elected per
    /// entry (≥ 0 is +), and δ is the mean of the agreeing cᵢδᵢ weighted by cᵢ.
    /// <paramref name="keptFractions"/>[i] receives the share of δᵢ's L1 mass that survived trimming
    /// and election, the input <c>LineageWeights.ForTiesMerge</c> expects (0 for an empty δᵢ).
    /// </summary>
    public static void Ties(ReadOnlySpan<float> baseTensor, ReadOnlySpan<ReadOnlyMemory<float>> models, ReadOnlySpan<float> coefficients, double density, float lambda, Span<float> output, Span<double> keptFractions)
    {
        RequireTaskInputs(baseTensor, models, coefficients, output, keptFractions);
        if (!(density is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(density), density, "density must be in [0, 1]");
        }

        var n = output.Length;
        var deltas = RentDeltas(baseTensor, models, out var totals);
        var scratch = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var keep = (int)(density * n);
            foreach (var delta in deltas)
            {
                TrimToTop(delta.AsSpan(0, n), keep, scratch.AsSpan(0, n));
            }

            var kept = new double[models.Length];
            Disjoint(baseTensor, deltas, coefficients, lambda, normalize: true, output, kept);
            for (var m = 0; m < models.Length; m++)
            {
                keptFractions[m] = Fraction(kept[m], totals[m]);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
            ReturnDeltas(deltas);
        }
    }

    /// <summary>
    /// DARE (mergekit <c>dare_linear</c> / <c>dare_ties</c>): each entry of each δᵢ is dropped with
    /// probability p, the survivors rescaled per <see cref="DareOptions.Rescale"/>, then combined.
    /// <paramref name="keptFractions"/>[i] receives the share of δᵢ's L1 mass that survived dropping
    /// (and, for TIES, election), before rescaling.
    /// </summary>
    public static void Dare(ReadOnlySpan<float> baseTensor, ReadOnlySpan<ReadOnlyMemory<float>> models, ReadOnlySpan<float> coefficients, DareOptions options, Span<float> output, Span<double> keptFractions)
    {
        RequireTaskInputs(baseTensor, models, coefficients, output, keptFractions);
        var kept = new double[models.Length];
        var totals = new double[models.Length];
        DareSums(baseTensor, models, coefficients, options, output, kept, totals);
        for (var m = 0; m < models.Length; m++)
        {
            keptFractions[m] = Fraction(kept[m], totals[m]);
        }
    }

    /// <summary>
    /// <see cref="Dare"/> over one chunk of a tensor, starting at element <see cref="DareOptions.FirstIndex"/>,
    /// so a tensor merged chunk by chunk draws the mask a whole-tensor merge would and gets the same
    /// output. Adds the chunk's surviving and total L1 mass of each δᵢ to <paramref name="keptL1"/> and
    /// <paramref name="totalL1"/>: the tensor's kept fraction is their ratio once every chunk is done.
    /// <see cref="DareRescale.L1Norm"/> needs the whole tensor's norms and is refused.
    /// </summary>
    public static void DareChunk(ReadOnlySpan<float> baseTensor, ReadOnlySpan<ReadOnlyMemory<float>> models, ReadOnlySpan<float> coefficients, DareOptions options, Span<float> output, Span<double> keptL1, Span<double> totalL1)
    {
        RequireTaskInputs(baseTensor, models, coefficients, output, keptL1);
        RequireSameLength(("keptL1", keptL1.Length), ("totalL1", totalL1.Length));
        if (options.Rescale == DareRescale.L1Norm)
        {
            throw new ArgumentException("L1-norm rescaling needs the whole tensor; merge it in one call", nameof(options));
        }

        var kept = new double[models.Length];
        var totals = new double[models.Length];
        DareSums(baseTensor, models, coefficients, options, output, kept, totals);
        for (var m = 0; m < models.Length; m++)
        {
            keptL1[m] += kept[m];
            totalL1[m] += totals[m];
        }
    }

    /// <summary>DARE into <paramref name="output"/>; <paramref name="kept"/> and <paramref name="totals"/> receive each δᵢ's surviving and total L1 mass.</summary>
    private static void DareSums(ReadOnlySpan<float> baseTensor, ReadOnlySpan<ReadOnlyMemory<float>> models, ReadOnlySpan<float> coefficients, DareOptions options, Span<float> output, double[] kept, double[] totals)
    {
        var p = options.DropProbability;
        if (!(p is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), p, "drop probability must be in [0, 1]");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.FirstIndex, nameof(options));
        var n = output.Length;
        var deltas = RentDeltas(baseTensor, models, out var l1);
        l1.CopyTo(totals, 0);
        try
        {
            var factors = new double[models.Length];
            for (var m = 0; m < models.Length; m++)
            {
                var delta = deltas[m].AsSpan(0, n);
                var stream = CounterRng.Stream(options.Seed, options.TensorKey, m);
                var keptL1 = 0.0;
                for (var i = 0; i < n; i++)
                {
                    if (CounterRng.Uniform(stream, options.FirstIndex + i) < p)
                    {
                        delta[i] = 0;
                    }
                    else
                    {
                        keptL1 += Math.Abs(delta[i]);
                    }
                }

                factors[m] = options.Rescale switch
                {
                    DareRescale.None => 1,
                    DareRescale.InverseKeep => p < 1 ? 1 / (1 - p) : 0,
                    DareRescale.L1Norm => keptL1 > 0 ? totals[m] / keptL1 : 0,
                    _ => throw new ArgumentOutOfRangeException(nameof(options), options.Rescale, "unknown rescale"),
                };
                if (factors[m] != 1)
                {
                    Scale(delta, (float)factors[m], delta);
                }

                kept[m] = keptL1;
            }

            if (options.Combination == TaskVectorCombination.Ties)
            {
                Disjoint(baseTensor, deltas, coefficients, options.Lambda, options.Normalize, output, kept);
                for (var m = 0; m < models.Length; m++)
                {
                    // Disjoint measured the rescaled survivors; undo the scale to compare with δᵢ.
                    kept[m] = factors[m] > 0 ? kept[m] / factors[m] : 0;
                }
            }
            else
            {
                Linear(baseTensor, deltas, coefficients, options.Lambda, options.Normalize, output);
            }
        }
        finally
        {
            ReturnDeltas(deltas);
        }
    }

    /// <summary>
    /// A stable 64-bit key for a tensor name (FNV-1a over its UTF-8), for <see cref="DareOptions.TensorKey"/>.
    /// Not <see cref="string.GetHashCode()"/>, which differs per process and would break reproducibility.
    /// </summary>
    public static ulong TensorKey(string name)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash;
    }

    private static double Fraction(double kept, double total) => total > 0 ? Math.Clamp(kept / total, 0, 1) : 0;

    private static void RequireTaskInputs(ReadOnlySpan<float> baseTensor, ReadOnlySpan<ReadOnlyMemory<float>> models, ReadOnlySpan<float> coefficients, Span<float> output, Span<double> keptFractions)
    {
        RequireSameLength(("base", baseTensor.Length), ("output", output.Length));
        RequireInputs(models, coefficients, output.Length);
        if (keptFractions.Length != models.Length)
        {
            throw new ArgumentException($"{models.Length} inputs need {models.Length} kept fractions, got {keptFractions.Length}", nameof(keptFractions));
        }
    }

    /// <summary>δᵢ = θᵢ − θ_base into pooled arrays (one per input, so n·inputs may exceed an array's limit), with ‖δᵢ‖₁.</summary>
    private static float[][] RentDeltas(ReadOnlySpan<float> baseTensor, ReadOnlySpan<ReadOnlyMemory<float>> models, out double[] l1)
    {
        var n = baseTensor.Length;
        var deltas = new float[models.Length][];
        l1 = new double[models.Length];
        for (var m = 0; m < models.Length; m++)
        {
            deltas[m] = ArrayPool<float>.Shared.Rent(n);
            var delta = deltas[m].AsSpan(0, n);
            var model = models[m].Span;
            var i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                {
                    var d = new Vector<float>(model[i..]) - new Vector<float>(baseTensor[i..]);
                    d.CopyTo(delta[i..]);
                    l1[m] += Vector.Sum(Vector.Abs(d));
                }
            }

            for (; i < n; i++)
            {
                delta[i] = model[i] - baseTensor[i];
                l1[m] += Math.Abs(delta[i]);
            }
        }

        return deltas;
    }

    private static void ReturnDeltas(float[][] deltas)
    {
        foreach (var delta in deltas)
        {
            ArrayPool<float>.Shared.Return(delta);
        }
    }
}
