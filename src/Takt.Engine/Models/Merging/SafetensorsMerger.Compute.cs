using System.Buffers;
using System.Runtime.InteropServices;
using Takt.Domain.Models;
using Takt.Engine.Models.Safetensors;

namespace Takt.Engine.Models.Merging;

public static partial class SafetensorsMerger
{
    /// <summary>One tensor: inputs widened to float32, the kernel, the result narrowed to the output dtype, into a pooled buffer.</summary>
    private static ComputedTensor Compute(MergeRecipe recipe, IReadOnlyList<SafetensorsFile> files, TensorPlan plan, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var n = plan.Elements;
        if (!plan.IsFloat)
        {
            // Integer and bool tensors (position ids, masks) are not interpolated: the first input's are kept.
            var source = files[0].GetSpan(plan.Sources[0]);
            var copy = ArrayPool<byte>.Shared.Rent(Math.Max(1, source.Length));
            source.CopyTo(copy);
            return new ComputedTensor(plan.Name, copy, source.Length, n, null);
        }

        var inputs = new float[files.Count][];
        var output = ArrayPool<float>.Shared.Rent(Math.Max(1, n));
        try
        {
            for (var f = 0; f < files.Count; f++)
            {
                inputs[f] = ArrayPool<float>.Shared.Rent(Math.Max(1, n));
                Widen(files[f].GetSpan(plan.Sources[f]), plan.Sources[f].Dtype, inputs[f].AsSpan(0, n));
            }

            cancellationToken.ThrowIfCancellationRequested();
            var kept = Run(recipe, plan.Name, inputs, n, output.AsSpan(0, n));
            var size = plan.OutputDtype.SizeInBytes();
            var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, n * size));
            Narrow(output.AsSpan(0, n), plan.OutputDtype, bytes.AsSpan(0, n * size));
            return new ComputedTensor(plan.Name, bytes, n * size, n, kept);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(output);
            foreach (var input in inputs)
            {
                if (input is not null)
                {
                    ArrayPool<float>.Shared.Return(input);
                }
            }
        }
    }

    /// <summary>Runs the recipe's kernel; inputs are the recipe's files (task inputs, then the base). Returns kept fractions for TIES and DARE.</summary>
    private static double[]? Run(MergeRecipe recipe, string name, float[][] inputs, int n, Span<float> output)
    {
        var k = recipe.Inputs.Count;
        var models = new ReadOnlyMemory<float>[k];
        var coefficients = new float[k];
        for (var m = 0; m < k; m++)
        {
            models[m] = inputs[m].AsMemory(0, n);
            coefficients[m] = (float)recipe.Inputs[m].Coefficient;
        }

        switch (recipe.Method)
        {
            case MergeMethod.WeightedSum:
                MergeKernels.WeightedSum(models, coefficients, output);
                return null;
            case MergeMethod.AddDifference:
                MergeKernels.AddDifference(models[0].Span, models[1].Span, inputs[k].AsSpan(0, n), (float)recipe.Alpha, output);
                return null;
            case MergeMethod.Slerp:
                MergeKernels.Slerp(models[0].Span, models[1].Span, (float)recipe.T, output);
                return null;
            case MergeMethod.Ties:
                {
                    var kept = new double[k];
                    MergeKernels.Ties(inputs[k].AsSpan(0, n), models, coefficients, recipe.Density, (float)recipe.Lambda, output, kept);
                    return kept;
                }

            case MergeMethod.Dare:
                {
                    var kept = new double[k];
                    var options = new DareOptions
                    {
                        DropProbability = recipe.DropProbability,
                        Seed = recipe.Seed,
                        TensorKey = MergeKernels.TensorKey(name),
                        Lambda = (float)recipe.Lambda,
                    };
                    MergeKernels.Dare(inputs[k].AsSpan(0, n), models, coefficients, options, output, kept);
                    return kept;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(recipe), recipe.Method, "unknown merge method");
        }
    }

    /// <summary>
    /// Stored elements to float32. Spans over the mapping may be misaligned (third-party writers need
    /// not pad); reinterpreting them is sound on the x64 and ARM64 targets, which allow misaligned loads.
    /// </summary>
    private static void Widen(ReadOnlySpan<byte> source, SafetensorsDtype dtype, Span<float> destination)
    {
        switch (dtype)
        {
            case SafetensorsDtype.F32:
                source.CopyTo(MemoryMarshal.AsBytes(destination));
                break;
            case SafetensorsDtype.F16:
                TensorElements.HalfToSingle(MemoryMarshal.Cast<byte, Half>(source), destination);
                break;
            case SafetensorsDtype.BF16:
                TensorElements.BFloat16ToSingle(MemoryMarshal.Cast<byte, ushort>(source), destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a float dtype");
        }
    }

    private static void Narrow(ReadOnlySpan<float> source, SafetensorsDtype dtype, Span<byte> destination)
    {
        switch (dtype)
        {
            case SafetensorsDtype.F32:
                MemoryMarshal.AsBytes(source).CopyTo(destination);
                break;
            case SafetensorsDtype.F16:
                TensorElements.SingleToHalf(source, MemoryMarshal.Cast<byte, Half>(destination));
                break;
            case SafetensorsDtype.BF16:
                TensorElements.SingleToBFloat16(source, MemoryMarshal.Cast<byte, ushort>(destination));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a float dtype");
        }
    }
}
