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

    /// <summary>
    /// Methods whose output element i depends only on the inputs' element i, so a tensor can be merged
    /// chunk by chunk. DARE qualifies as the merger runs it: its mask is drawn per element index and
    /// its rescale is 1/(1 − p), not the whole tensor's L1 norm.
    /// </summary>
    private static bool IsElementwise(MergeMethod method) => method is MergeMethod.WeightedSum or MergeMethod.AddDifference or MergeMethod.Dare;

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
        var k = recipe.Inputs.Count;
        var coefficients = Coefficients(recipe);
        var dare = recipe.Method == MergeMethod.Dare ? DareOptionsFor(recipe, plan.Name) : null;
        var keptL1 = new double[k];
        var totalL1 = new double[k];
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
                if (dare is not null)
                {
                    MergeKernels.DareChunk(inputs[k].Span, inputs.AsSpan(0, k), coefficients, dare with { FirstIndex = start }, output, keptL1, totalL1);
                }
                else
                {
                    Run(recipe, inputs, output);
                }

                Narrow(output, plan.OutputDtype, bytes.AsSpan(start * size, length * size));
            }

            double[]? kept = dare is null ? null : [.. keptL1.Select((l1, m) => totalL1[m] > 0 ? Math.Clamp(l1 / totalL1[m], 0, 1) : 0)];
            return new ComputedTensor(plan.Name, bytes, n * size, n, kept);
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
            var kept = Run(recipe, inputs, output.AsSpan(0, n));
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

    /// <summary>Runs the recipe's kernel; inputs are the recipe's files (task inputs, then the base). Returns kept fractions for TIES. DARE runs per chunk in <see cref="ComputeChunked"/>.</summary>
    private static double[]? Run(MergeRecipe recipe, ReadOnlyMemory<float>[] inputs, Span<float> output)
    {
        var k = recipe.Inputs.Count;
        var models = inputs.AsSpan(0, k);
        var coefficients = Coefficients(recipe);

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

            default:
                throw new ArgumentOutOfRangeException(nameof(recipe), recipe.Method, "unknown merge method");
        }
    }

    private static float[] Coefficients(MergeRecipe recipe) => [.. recipe.Inputs.Select(i => (float)i.Coefficient)];

    /// <summary>The recipe's DARE for tensor <paramref name="name"/>.</summary>
    private static DareOptions DareOptionsFor(MergeRecipe recipe, string name) => new()
    {
        DropProbability = recipe.DropProbability,
        Seed = recipe.Seed,
        TensorKey = MergeKernels.TensorKey(name),
        Lambda = (float)recipe.Lambda,
    };

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
