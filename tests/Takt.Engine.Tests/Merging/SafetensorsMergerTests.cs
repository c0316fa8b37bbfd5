using System.Text.Json;
using Takt.Domain.Models;
using Takt.Engine.Models.Merging;
using Takt.Engine.Models.Safetensors;
using Takt.TestKit.Files;

namespace Takt.Engine.Tests.Merging;

public sealed class SafetensorsMergerTests : IDisposable
{
    private readonly TempFolder _folder = new("takt-merge");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    public static TheoryData<MergeMethod, SafetensorsDtype> MethodsAndDtypes()
    {
        var data = new TheoryData<MergeMethod, SafetensorsDtype>();
        foreach (var method in Enum.GetValues<MergeMethod>())
        {
            foreach (var dtype in new[] { SafetensorsDtype.F16, SafetensorsDtype.BF16, SafetensorsDtype.F32 })
            {
                data.Add(method, dtype);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MethodsAndDtypes))]
    public async Task MergeAsync_EachMethodAndDtype_EqualsKernelAppliedPerTensor(MergeMethod method, SafetensorsDtype dtype)
    {
        var recipe = await RecipeAsync(method, dtype, dtype);
        var output = _folder.Combine("out.safetensors");

        var result = await SafetensorsMerger.MergeAsync(recipe, output, null, Ct);

        using var merged = SafetensorsFile.Open(output);
        var files = recipe.Files.Select(SafetensorsFile.Open).ToList();
        try
        {
            Assert.Equal(files[0].Tensors.Count, merged.Tensors.Count);
            foreach (var tensor in files[0].Tensors)
            {
                var actual = merged[tensor.Name];
                Assert.Equal(tensor.Shape, actual.Shape);
                Assert.Equal(tensor.Dtype, actual.Dtype);
                var expected = tensor.Dtype == SafetensorsDtype.I64
                    ? files[0].GetSpan(tensor).ToArray()
                    : MergeModels.Narrow(Expected(recipe, files, tensor.Name), dtype);
                Assert.Equal(expected, merged.GetSpan(actual).ToArray());
            }

            Assert.Equal(await merged.DataHashAsync(Ct), result.DataHash);
            Assert.Equal(7 * 5 + 3 * 11 + 13 + 1 + 6, result.ParameterCount);
            Assert.Equal(method is MergeMethod.Ties or MergeMethod.Dare, result.KeptFractions is not null);
            Assert.All(result.KeptFractions ?? [], f => Assert.InRange(f, 0, 1));
        }
        finally
        {
            files.ForEach(f => f.Dispose());
        }
    }

    [Theory]
    [MemberData(nameof(MethodsAndDtypes))]
    public async Task MergeAsync_TensorsOverSeveralChunks_EqualKernelAppliedToWholeTensor(MergeMethod method, SafetensorsDtype dtype)
    {
        // 5 × 7001 elements: two whole chunks of the elementwise path and a ragged last one, whose
        // length is not a multiple of any vector width.
        var recipe = await RecipeAsync(method, dtype, dtype, Shapes(("big.weight", [5, 7001]), ("small.bias", [3])));
        var output = _folder.Combine("out.safetensors");

        await SafetensorsMerger.MergeAsync(recipe, output, null, Ct);

        using var merged = SafetensorsFile.Open(output);
        var files = recipe.Files.Select(SafetensorsFile.Open).ToList();
        try
        {
            foreach (var tensor in files[0].Tensors.Where(t => t.Dtype != SafetensorsDtype.I64))
            {
                Assert.Equal(MergeModels.Narrow(Expected(recipe, files, tensor.Name), dtype), merged.GetSpan(merged[tensor.Name]).ToArray());
            }
        }
        finally
        {
            files.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task MergeAsync_OutputDtypeGiven_ConvertsFloatTensorsOnly()
    {
        var recipe = await RecipeAsync(MergeMethod.WeightedSum, SafetensorsDtype.BF16, SafetensorsDtype.F16) with { OutputDtype = SafetensorsDtype.F32 };
        var output = _folder.Combine("out.safetensors");

        await SafetensorsMerger.MergeAsync(recipe, output, null, Ct);

        using var merged = SafetensorsFile.Open(output);
        Assert.Equal(SafetensorsDtype.F32, merged["down.weight"].Dtype);
        Assert.Equal(SafetensorsDtype.I64, merged["position_ids"].Dtype);
        using var a = SafetensorsFile.Open(recipe.Inputs[0].Path);
        using var b = SafetensorsFile.Open(recipe.Inputs[1].Path);
        var expected = new float[35];
        MergeKernels.WeightedSum(new ReadOnlyMemory<float>[] { MergeModels.Widen(a, "down.weight"), MergeModels.Widen(b, "down.weight") }, [0.7f, 0.3f], expected);
        Assert.Equal(MergeModels.Narrow(expected, SafetensorsDtype.F32), merged.GetSpan(merged["down.weight"]).ToArray());
    }

    [Fact]
    public async Task MergeAsync_ShapeMismatch_ErrorNamesTensorAndShapes()
    {
        var a = _folder.Combine("a.safetensors");
        var b = _folder.Combine("b.safetensors");
        await MergeModels.WriteAsync(a, SafetensorsDtype.F16, 1, Ct, Shapes(("w", [2, 3])));
        await MergeModels.WriteAsync(b, SafetensorsDtype.F16, 2, Ct, Shapes(("w", [3, 2])));
        var recipe = new MergeRecipe { Method = MergeMethod.WeightedSum, Inputs = [new(a), new(b)] };

        var error = await Assert.ThrowsAsync<MergeException>(() => SafetensorsMerger.MergeAsync(recipe, _folder.Combine("out.safetensors"), null, Ct));

        Assert.Equal("w", error.Tensor);
        Assert.Contains("[2, 3]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[3, 2]", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Combine("out.safetensors")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MergeAsync_MissingTensor_ErrorNamesTensor(bool missingFromFirst)
    {
        var a = _folder.Combine("a.safetensors");
        var b = _folder.Combine("b.safetensors");
        await MergeModels.WriteAsync(a, SafetensorsDtype.F32, 1, Ct, Shapes(("w", [4])));
        await MergeModels.WriteAsync(b, SafetensorsDtype.F32, 2, Ct, Shapes(("w", [4]), ("extra", [2])));
        var recipe = new MergeRecipe { Method = MergeMethod.WeightedSum, Inputs = missingFromFirst ? [new(a), new(b)] : [new(b), new(a)] };

        var error = await Assert.ThrowsAsync<MergeException>(() => SafetensorsMerger.MergeAsync(recipe, _folder.Combine("out.safetensors"), null, Ct));

        Assert.Equal("extra", error.Tensor);
        Assert.Contains("'extra'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergeAsync_CancelledMidway_LeavesNoFile()
    {
        var recipe = await RecipeAsync(MergeMethod.Ties, SafetensorsDtype.F16, SafetensorsDtype.F16);
        var output = _folder.Combine("out.safetensors");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            SafetensorsMerger.MergeAsync(recipe, output, new CancelOnFirst(cancel), cancel.Token));

        Assert.False(File.Exists(output));
        Assert.DoesNotContain(Directory.GetFiles(_folder.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MergeAsync_Metadata_HoldsRecipeInputHashesAndVersion()
    {
        var recipe = await RecipeAsync(MergeMethod.Dare, SafetensorsDtype.BF16, SafetensorsDtype.BF16);
        var output = _folder.Combine("out.safetensors");

        var result = await SafetensorsMerger.MergeAsync(recipe, output, null, Ct);

        using var merged = SafetensorsFile.Open(output);
        using var recipeJson = JsonDocument.Parse(merged.Metadata[SafetensorsMerger.RecipeKey]);
        Assert.Equal("dare", recipeJson.RootElement.GetProperty("method").GetString());
        Assert.Equal(0.5, recipeJson.RootElement.GetProperty("dropProbability").GetDouble());
        Assert.Equal("a.safetensors", recipeJson.RootElement.GetProperty("inputs")[0].GetProperty("path").GetString());
        using var inputs = JsonDocument.Parse(merged.Metadata[SafetensorsMerger.InputsKey]);
        var hashes = inputs.RootElement.EnumerateArray().Select(e => e.GetProperty("sha256").GetString()).ToList();
        Assert.Equal([.. result.InputHashes, result.BaseHash], hashes);
        using var first = SafetensorsFile.Open(recipe.Inputs[0].Path);
        Assert.Equal(await first.DataHashAsync(Ct), hashes[0]);
        Assert.StartsWith("takt ", merged.Metadata[SafetensorsMerger.VersionKey], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MergeMethod.Dare)]
    [InlineData(MergeMethod.Ties)]
    public async Task MergeAsync_SameRecipeTwice_ByteIdenticalOutput(MergeMethod method)
    {
        var recipe = await RecipeAsync(method, SafetensorsDtype.F16, SafetensorsDtype.BF16);
        var first = _folder.Combine("first.safetensors");
        var second = _folder.Combine("second.safetensors");

        var one = await SafetensorsMerger.MergeAsync(recipe, first, null, Ct);
        var known = new List<string>();
        foreach (var path in recipe.Files)
        {
            using var file = SafetensorsFile.Open(path);
            known.Add(await file.DataHashAsync(Ct));
        }

        // Handing the merger hashes its caller already has must not change a byte.
        var two = await SafetensorsMerger.MergeAsync(recipe, second, known, null, Ct);

        Assert.Equal(await File.ReadAllBytesAsync(first, Ct), await File.ReadAllBytesAsync(second, Ct));
        Assert.Equal(one.DataHash, two.DataHash);
    }

    /// <summary>Inputs a and b (<paramref name="dtype"/>) and, where the method takes one, base c (<paramref name="baseDtype"/>).</summary>
    private async Task<MergeRecipe> RecipeAsync(MergeMethod method, SafetensorsDtype dtype, SafetensorsDtype baseDtype, IReadOnlyDictionary<string, long[]>? shapes = null)
    {
        var a = _folder.Combine("a.safetensors");
        var b = _folder.Combine("b.safetensors");
        var c = _folder.Combine("c.safetensors");
        await MergeModels.WriteAsync(a, dtype, 1, Ct, shapes);
        await MergeModels.WriteAsync(b, baseDtype, 2, Ct, shapes);
        await MergeModels.WriteAsync(c, baseDtype, 3, Ct, shapes);
        return new MergeRecipe
        {
            Method = method,
            Inputs = [new(a, 0.7), new(b, 0.3)],
            Base = method is MergeMethod.AddDifference or MergeMethod.Ties or MergeMethod.Dare ? c : null,
            Alpha = 0.4,
            Density = 0.5,
            DropProbability = 0.5,
            Seed = 42,
            T = 0.3,
        };
    }

    private static float[] Expected(MergeRecipe recipe, List<SafetensorsFile> files, string name)
    {
        var inputs = files.Select(f => MergeModels.Widen(f, name)).ToArray();
        var output = new float[inputs[0].Length];
        var models = new ReadOnlyMemory<float>[] { inputs[0], inputs[1] };
        float[] coefficients = [0.7f, 0.3f];
        var kept = new double[2];
        switch (recipe.Method)
        {
            case MergeMethod.WeightedSum:
                MergeKernels.WeightedSum(models, coefficients, output);
                break;
            case MergeMethod.AddDifference:
                MergeKernels.AddDifference(inputs[0], inputs[1], inputs[2], 0.4f, output);
                break;
            case MergeMethod.Slerp:
                MergeKernels.Slerp(inputs[0], inputs[1], 0.3f, output);
                break;
            case MergeMethod.Ties:
                MergeKernels.Ties(inputs[2], models, coefficients, 0.5, 1, output, kept);
                break;
            default:
                MergeKernels.Dare(inputs[2], models, coefficients, new DareOptions { DropProbability = 0.5, Seed = 42, TensorKey = MergeKernels.TensorKey(name) }, output, kept);
                break;
        }

        return output;
    }

    private static Dictionary<string, long[]> Shapes(params (string Name, long[] Shape)[] shapes) =>
        shapes.ToDictionary(s => s.Name, s => s.Shape, StringComparer.Ordinal);

    /// <summary>Cancels synchronously on the first report, so the merge is stopped with tensors still to write.</summary>
    private sealed class CancelOnFirst(CancellationTokenSource cancel) : IProgress<MergeProgress>
    {
        public void Report(MergeProgress value) => cancel.Cancel();
    }
}
