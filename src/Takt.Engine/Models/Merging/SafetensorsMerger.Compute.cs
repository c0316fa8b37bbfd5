using System.Buffers;
using System.Runtime.InteropServices;
using Takt.Domain.Models;
using Takt.Engine.Models.Safetensors;

namespace Takt.Engine.Models.Merging;

public static partial class SafetensorsMerger
{
    /// <summary>
    /// Elements per chunk of the elementwise path: the widened inputs and the float32 result of one
    /// chunk (16K × 4 B each) stay in a core's L2, and conversion, kernel and narrowing run over
    /// them back to back instead of streaming whole float32 tensors through memory.
    /// </summary>
    internal const int ChunkElements = 16 * 1024;

    /// <summary>One tensor, narrowed to the output dtype into a pooled buffer.</summary>
    private static ComputedTensor Compute(MergeRecipe recipe, IReadOnlyList<SafetensorsFile> files, TensorPlan plan, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!plan.IsFloat)
        {
            // Integer and bool tensors (position ids, masks) are not interpolated: the first input's are kept.
            var source = files[0].GetSpan(plan.Sources[0]);
            var copy = ArrayPool<byte>.Shared.Rent(Math.Max(1, source.Length));
            source.CopyTo(copy);
            return new ComputedTensor(plan.Name, copy, source.Length, plan.Elements, null);
        }

        return IsElementwise(recipe.Method)
            ? ComputeChunked(recipe, files, plan, cancellationToken)
            : ComputeWhole(recipe, files, plan, cancellationToken);
    }

    /// <summary>Methods whose output element i depends only on the inputs' element i, so a tensor can be merged chunk by chunk.</summary>
    private static bool IsElementwise(MergeMethod method) => method is MergeMethod.WeightedSum or MergeMethod.AddDifference;

    /// <summary>
    /// Widens one chunk of every input, runs the kernel on it and narrows the result into place: the
    /// only tensor-sized buffer is the output in its stored dtype.
    /// </summary>
    private static ComputedTensor ComputeChunked(MergeRecipe recipe, IReadOnlyList<SafetensorsFile> files, TensorPlan plan, CancellationToken cancellationToken)
    {
        var n = plan.Elements;
        var size = plan.OutputDtype.SizeInBytes();
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, n * size));
        var scratch = ArrayPool<float>.Shared.Rent((files.Count + 1) * ChunkElements);
        try
        {
            var inputs = new ReadOnlyMemory<float>[files.Count];
            for (var start = 0; start < n; start += ChunkElements)
            {
                if (start % (64 * ChunkElements) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var length = Math.Min(ChunkElements, n - start);
                for (var f = 0; f < files.Count; f++)
                {
                    var tensor = plan.Sources[f];
                    var width = tensor.Dtype.SizeInBytes();
                    var chunk = scratch.AsMemory(f * ChunkElements, length);
                    Widen(files[f].GetSpan(tensor).Slice(start * width, length * width), tensor.Dtype, chunk.Span);
                    inputs[f] = chunk;
                }

                var output = scratch.AsSpan(files.Count * ChunkElements, length);
                Run(recipe, plan.Name, inputs, output);
                Narrow(output, plan.OutputDtype, bytes.AsSpan(start * size, length * size));
            }

            return new ComputedTensor(plan.Name, bytes, n * size, n, null);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(bytes);
            throw;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>Methods that need whole-tensor statistics (TIES's top-k, SLERP's angle): every input widened to float32 in full.</summary>
    private static ComputedTensor ComputeWhole(MergeRecipe recipe, IReadOnlyList<SafetensorsFile> files, TensorPlan plan, CancellationToken cancellationToken)
    {
        var n = plan.Elements;
        var arrays = new float[files.Count][];
        var output = ArrayPool<float>.Shared.Rent(Math.Max(1, n));
        try
        {
            var inputs = new ReadOnlyMemory<float>[files.Count];
            for (var f = 0; f < files.Count; f++)
            {
                arrays[f] = ArrayPool<float>.Shared.Rent(Math.Max(1, n));
                Widen(files[f].GetSpan(plan.Sources[f]), plan.Sources[f].Dtype, arrays[f].AsSpan(0, n));
                inputs[f] = arrays[f].AsMemory(0, n);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var kept = Run(recipe, plan.Name, inputs, output.AsSpan(0, n));
            var size = plan.OutputDtype.SizeInBytes();
            var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, n * size));
            Narrow(output.AsSpan(0, n), plan.OutputDtype, bytes.AsSpan(0, n * size));
            return new ComputedTensor(plan.Name, bytes, n * size, n, kept);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(output);
            foreach (var array in arrays)
            {
                if (array is not null)
                {
                    ArrayPool<float>.Shared.Return(array);
                }
            }
        }
    }

    /// <summary>Runs the recipe's kernel; inputs are the recipe's files (task inputs, then the base). Returns kept fractions for TIES and DARE.</summary>
    private static double[]? Run(MergeRecipe recipe, string name, ReadOnlyMemory<float>[] inputs, Span<float> output)
    {
        var k = recipe.Inputs.Count;
        var models = inputs.AsSpan(0, k);
        Span<float> coefficients = stackalloc float[k];
        for (var m = 0; m < k; m++)
        {
            coefficients[m] = (float)recipe.Inputs[m].Coefficient;
        }

        switch (recipe.Method)
        {
            case MergeMethod.WeightedSum:
                MergeKernels.WeightedSum(models, coefficients, output);
                return null;
            case MergeMethod.AddDifference:
                MergeKernels.AddDifference(models[0].Span, models[1].Span, inputs[k].Span, (float)recipe.Alpha, output);
                return null;
            case MergeMethod.Slerp:
                MergeKernels.Slerp(models[0].Span, models[1].Span, (float)recipe.T, output);
                return null;
            case MergeMethod.Ties:
                {
                    var kept = new double[k];
                    MergeKernels.Ties(inputs[k].Span, models, coefficients, recipe.Density, (float)recipe.Lambda, output, kept);
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
                    MergeKernels.Dare(inputs[k].Span, models, coefficients, options, output, kept);
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
