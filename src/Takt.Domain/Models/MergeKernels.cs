using System.Numerics;
using System.Runtime.CompilerServices;

namespace Takt.Domain.Models;

/// <summary>
/// Per-tensor merge kernels with mergekit semantics (docs: research data.md §2.2). Each computes
/// one flattened tensor in float32 from inputs of equal length into a caller's output span, so a
/// merge streams one tensor at a time and memory stays bounded by the largest tensor × models.
/// The elementwise loops are AggressiveOptimization: a streaming merge calls them per chunk, and
/// their unoptimised (tier-0) vector code is many times slower than the optimised.
/// </summary>
public static partial class MergeKernels
{
    /// <summary>
    /// Weighted sum θ = Σ cᵢθᵢ, divided by Σ cᵢ when <paramref name="normalize"/> (mergekit
    /// <c>linear</c>, whose default is to normalise). A zero Σ cᵢ leaves the sum undivided rather than
    /// dividing by zero. <paramref name="output"/> may be <c>inputs[0]</c> but must not overlap a later input.
    /// </summary>
    public static void WeightedSum(ReadOnlySpan<ReadOnlyMemory<float>> inputs, ReadOnlySpan<float> coefficients, Span<float> output, bool normalize = true)
    {
        RequireInputs(inputs, coefficients, output.Length);
        var total = 0f;
        foreach (var c in coefficients)
        {
            total += c;
        }

        var scale = normalize && total != 0 ? 1 / total : 1f;
        Scale(inputs[0].Span, coefficients[0] * scale, output);
        for (var m = 1; m < inputs.Length; m++)
        {
            AddScaled(inputs[m].Span, coefficients[m] * scale, output);
        }
    }

    /// <summary>Add difference θ = A + α(B − C) (supermerger, sd-mecha), with B − C in float32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, float alpha, Span<float> output)
    {
        RequireSameLength(("a", a.Length), ("b", b.Length), ("c", c.Length), ("output", output.Length));
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<float>(alpha);
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(a[i..]) + (va * (new Vector<float>(b[i..]) - new Vector<float>(c[i..])))).CopyTo(output[i..]);
            }
        }

        for (; i < a.Length; i++)
        {
            output[i] = a[i] + (alpha * (b[i] - c[i]));
        }
    }

    /// <summary>output = c·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Scale(ReadOnlySpan<float> x, float c, Span<float> output)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vc = new Vector<float>(c);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (vc * new Vector<float>(x[i..])).CopyTo(output[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            output[i] = c * x[i];
        }
    }

    /// <summary>output += c·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddScaled(ReadOnlySpan<float> x, float c, Span<float> output)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vc = new Vector<float>(c);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(output[i..]) + (vc * new Vector<float>(x[i..]))).CopyTo(output[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            output[i] += c * x[i];
        }
    }

    internal static void RequireInputs(ReadOnlySpan<ReadOnlyMemory<float>> inputs, ReadOnlySpan<float> coefficients, int length)
    {
        if (inputs.Length == 0)
        {
            throw new ArgumentException("at least one input tensor is needed", nameof(inputs));
        }

        if (coefficients.Length != inputs.Length)
        {
            throw new ArgumentException($"{inputs.Length} inputs need {inputs.Length} coefficients, got {coefficients.Length}", nameof(coefficients));
        }

        for (var m = 0; m < inputs.Length; m++)
        {
            if (inputs[m].Length != length)
            {
                throw new ArgumentException($"tensor lengths differ: output {length}, input {m} {inputs[m].Length}", nameof(inputs));
            }
        }
    }

    internal static void RequireSameLength(params ReadOnlySpan<(string Name, int Length)> spans)
    {
        foreach (var span in spans)
        {
            if (span.Length != spans[0].Length)
            {
                throw new ArgumentException($"tensor lengths differ: {string.Join(", ", spans.ToArray().Select(s => $"{s.Name} {s.Length}"))}");
            }
        }
    }
}
