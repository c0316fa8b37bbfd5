using System.Buffers;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Takt.Engine.Models.Safetensors;

namespace Takt.Engine.Models.Merging;

/// <summary>
/// Merges safetensors models tensor by tensor. Tensors are computed in parallel (at most one per
/// processor in flight) and written in the writer's order. Elementwise methods (weighted sum,
/// add-difference) merge each tensor in cache-sized chunks, so memory stays near processors × the
/// largest tensor in the output dtype; TIES and SLERP need whole-tensor statistics and hold
/// processors × (inputs + 2) × the largest tensor in float32. Never a whole model. The output is
/// committed atomically; failure or cancellation leaves no file.
/// </summary>
public static partial class SafetensorsMerger
{
    public const string RecipeKey = "takt.merge.recipe";
    public const string InputsKey = "takt.merge.inputs";
    public const string VersionKey = "takt.version";

    public static Task<MergeResult> MergeAsync(
        MergeRecipe recipe, string outputPath, IProgress<MergeProgress>? progress = null, CancellationToken cancellationToken = default) =>
        MergeAsync(recipe, outputPath, knownInputHashes: null, progress, cancellationToken);

    /// <param name="knownInputHashes">
    /// The data hashes of <see cref="MergeRecipe.Files"/>, in order, when the caller has just
    /// computed them (to check the inputs are registered): hashing means reading every input in full.
    /// </param>
    public static async Task<MergeResult> MergeAsync(
        MergeRecipe recipe, string outputPath, IReadOnlyList<string>? knownInputHashes, IProgress<MergeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (knownInputHashes is not null && knownInputHashes.Count != recipe.Files.Count)
        {
            throw new ArgumentException($"{knownInputHashes.Count} known hashes for {recipe.Files.Count} input files", nameof(knownInputHashes));
        }

        var files = new List<SafetensorsFile>();
        try
        {
            foreach (var path in recipe.Files)
            {
                files.Add(SafetensorsFile.Open(path));
            }

            var plans = Plan(recipe, files);
            using var stopHashing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Hashing reads every input in full at about 1.5 GB/s a core, as long as the merge itself, so
            // it runs beside the merge (a thread per input) rather than before it. The header goes out
            // first with placeholders of a hash's length and is rewritten in place once they are known.
            var hashing = knownInputHashes is not null
                ? Task.FromResult(knownInputHashes.ToArray())
                : Task.WhenAll(files.Select(f => f.DataHashAsync(stopHashing.Token)));
            try
            {
                var placeholders = knownInputHashes?.ToArray() ?? [.. files.Select(_ => new string('0', HashHexLength))];
                await using var writer = await SafetensorsWriter.CreateAsync(
                    outputPath, plans.Values.Select(p => new SafetensorsTensorSpec(p.Name, p.OutputDtype, p.Shape)), Metadata(recipe, files, placeholders), cancellationToken);
                var (dataHash, kept, parameters) = await WriteAllAsync(recipe, files, plans, writer, progress, cancellationToken);
                var hashes = await hashing;
                if (knownInputHashes is null)
                {
                    await writer.RewriteMetadataAsync(Metadata(recipe, files, hashes), cancellationToken);
                }

                await writer.CommitAsync(cancellationToken);
                var taskCount = recipe.Inputs.Count;
                return new MergeResult(
                    Path.GetFullPath(outputPath),
                    dataHash,
                    parameters,
                    plans.Count,
                    hashes[..taskCount],
                    recipe.Base is null ? null : hashes[taskCount],
                    kept);
            }
            finally
            {
                // A failed merge stops the hashing, and nothing returns while a hash still reads an input.
                await stopHashing.CancelAsync();
                await ((Task)hashing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            // Only after every tensor task has finished: their spans point into these mappings.
            foreach (var file in files)
            {
                file.Dispose();
            }
        }
    }

    private const int HashHexLength = 64;

    private static Dictionary<string, string> Metadata(MergeRecipe recipe, IReadOnlyList<SafetensorsFile> files, string[] hashes) =>
        new(StringComparer.Ordinal)
        {
            [RecipeKey] = recipe.ToMetadataJson(),
            [InputsKey] = JsonSerializer.Serialize(files.Select((f, i) => new Dictionary<string, string>
            {
                ["file"] = Path.GetFileName(f.Path),
                ["sha256"] = hashes[i],
            })),
            [VersionKey] = ToolVersion,
        };

    private static string ToolVersion =>
        "takt " + (typeof(SafetensorsMerger).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    private static async Task<(string Hash, IReadOnlyList<double>? Kept, long Parameters)> WriteAllAsync(
        MergeRecipe recipe, IReadOnlyList<SafetensorsFile> files, Dictionary<string, TensorPlan> plans, SafetensorsWriter writer,
        IProgress<MergeProgress>? progress, CancellationToken cancellationToken)
    {
        var reportsKept = recipe.Method is MergeMethod.Ties or MergeMethod.Dare;
        var keptSums = new double[recipe.Inputs.Count];
        long keptWeight = 0, parameters = 0, bytes = 0;
        var total = writer.Tensors.Sum(t => t.Length);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Queue<Task<ComputedTensor>>();
        var maxInFlight = Math.Max(1, Environment.ProcessorCount);
        var written = 0;

        async Task WriteNextAsync()
        {
            var computed = await window.Dequeue();
            try
            {
                var data = computed.Buffer.AsMemory(0, computed.Length);
                await writer.WriteTensorAsync(computed.Name, data, cancellationToken);
                sha.AppendData(data.Span);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(computed.Buffer);
            }

            parameters += computed.Elements;
            if (computed.Kept is { } k)
            {
                for (var m = 0; m < k.Length; m++)
                {
                    keptSums[m] += k[m] * computed.Elements;
                }

                keptWeight += computed.Elements;
            }

            bytes += computed.Length;
            progress?.Report(new MergeProgress(++written, plans.Count, bytes, total));
        }

        try
        {
            foreach (var tensor in writer.Tensors)
            {
                var plan = plans[tensor.Name];
                var token = stop.Token;
                window.Enqueue(Task.Run(() => Compute(recipe, files, plan, token), token));
                if (window.Count >= maxInFlight)
                {
                    await WriteNextAsync();
                }
            }

            while (window.Count > 0)
            {
                await WriteNextAsync();
            }
        }
        catch
        {
            await stop.CancelAsync();
            var pending = window.ToArray();
            await ((Task)Task.WhenAll(pending)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var task in pending.Where(t => t.IsCompletedSuccessfully))
            {
                ArrayPool<byte>.Shared.Return((await task).Buffer);
            }

            throw;
        }

        IReadOnlyList<double>? kept = reportsKept ? [.. keptSums.Select(s => keptWeight > 0 ? s / keptWeight : 0)] : null;
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), kept, parameters);
    }

    /// <summary>Checks the inputs agree and decides each tensor's output dtype, keyed by name.</summary>
    private static Dictionary<string, TensorPlan> Plan(MergeRecipe recipe, List<SafetensorsFile> files)
    {
        var first = files[0];
        foreach (var file in files.Skip(1))
        {
            foreach (var tensor in file.Tensors)
            {
                if (!first.TryGetTensor(tensor.Name, out _))
                {
                    throw new MergeException($"tensor '{tensor.Name}' is in {file.Path} but missing from {first.Path}", tensor.Name);
                }
            }
        }

        var plans = new Dictionary<string, TensorPlan>(StringComparer.Ordinal);
        foreach (var reference in first.Tensors)
        {
            var sources = new SafetensorsTensor[files.Count];
            sources[0] = reference;
            for (var f = 1; f < files.Count; f++)
            {
                if (!files[f].TryGetTensor(reference.Name, out var other))
                {
                    throw new MergeException($"tensor '{reference.Name}' is in {first.Path} but missing from {files[f].Path}", reference.Name);
                }

                if (!other.Shape.SequenceEqual(reference.Shape))
                {
                    throw new MergeException(
                        $"tensor '{reference.Name}' has shape {Shape(reference)} in {first.Path} but {Shape(other)} in {files[f].Path}", reference.Name);
                }

                if (IsFloat(reference.Dtype) && !IsFloat(other.Dtype))
                {
                    throw new MergeException(
                        $"tensor '{reference.Name}' is {reference.Dtype.ToFormatName()} in {first.Path} but {other.Dtype.ToFormatName()} in {files[f].Path}", reference.Name);
                }

                sources[f] = other;
            }

            var elements = reference.Shape.Aggregate(1L, (a, d) => checked(a * d));
            if (elements > Array.MaxLength / 4)
            {
                throw new MergeException($"tensor '{reference.Name}' has {elements} elements, more than one merge buffer holds", reference.Name);
            }

            var isFloat = IsFloat(reference.Dtype);
            var dtype = isFloat ? recipe.OutputDtype ?? reference.Dtype : reference.Dtype;
            plans.Add(reference.Name, new TensorPlan(reference.Name, reference.Shape, dtype, (int)elements, isFloat, sources));
        }

        return plans;
    }

    private static bool IsFloat(SafetensorsDtype dtype) => dtype is SafetensorsDtype.F16 or SafetensorsDtype.BF16 or SafetensorsDtype.F32;

    private static string Shape(SafetensorsTensor tensor) => $"[{string.Join(", ", tensor.Shape)}]";

    private sealed record TensorPlan(string Name, IReadOnlyList<long> Shape, SafetensorsDtype OutputDtype, int Elements, bool IsFloat, SafetensorsTensor[] Sources);

    private sealed record ComputedTensor(string Name, byte[] Buffer, int Length, long Elements, double[]? Kept);
}
