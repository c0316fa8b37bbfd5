using System.Runtime.InteropServices;
using Takt.Engine.Models.Safetensors;

namespace Takt.Cli.Tests;

/// <summary>takt model register, merge and show on a fresh workspace, with models written by the safetensors writer.</summary>
public sealed class ModelCommandTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Root => _temp.Combine("workspace");

    public async ValueTask InitializeAsync()
    {
        var init = await CliRunner.RunAsync("init", "-w", Root);
        Assert.True(init.ExitCode == 0, init.ToString());
        await WriteModelAsync(_temp.Combine("a.safetensors"), 1);
        await WriteModelAsync(_temp.Combine("b.safetensors"), 2);
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task RegisterMergeShow_WeightedSum_MergeNodeWeightedByCoefficients()
    {
        var a = await Run("model", "register", _temp.Combine("a.safetensors"), "--label", "base A", "--json");
        var b = await Run("model", "register", _temp.Combine("b.safetensors"), "--json");
        var again = await Run("model", "register", _temp.Combine("a.safetensors"), "--json");
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0 && again.ExitCode == 0, $"{a}\n{b}\n{again}");
        var aNode = a.Json().GetProperty("node").GetString();
        var bNode = b.Json().GetProperty("node").GetString();
        Assert.Equal(aNode, again.Json().GetProperty("node").GetString());
        Assert.True(again.Json().GetProperty("alreadyRegistered").GetBoolean());

        var recipe = WriteRecipe("""{"method": "weighted-sum", "inputs": [{"path": "a.safetensors", "coefficient": 3}, {"path": "b.safetensors", "coefficient": 1}]}""");
        var output = _temp.Combine("merged.safetensors");
        var merged = await Run("model", "merge", recipe, "--output", output, "--json");

        Assert.True(merged.ExitCode == 0, merged.ToString());
        Assert.True(File.Exists(output));
        var node = merged.Json().GetProperty("node").GetString()!;
        var shown = await Run("lineage", "show", node, "--json");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        var parents = shown.Json().GetProperty("parents").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => (p.GetProperty("weight").GetDouble(), p.GetProperty("role").GetString()));
        Assert.Equal(0.75, parents[aNode!].Item1, 9);
        Assert.Equal(0.25, parents[bNode!].Item1, 9);
        Assert.All(parents.Values, p => Assert.Equal("merge-input", p.Item2));
        Assert.Equal("sha256:" + merged.Json().GetProperty("dataHash").GetString(), shown.Json().GetProperty("node").GetProperty("reference").GetString());

        var byFile = await Run("model", "show", output, "--json");
        Assert.True(byFile.ExitCode == 0, byFile.ToString());
        Assert.Equal(node, byFile.Json().GetProperty("node").GetProperty("id").GetString());
        Assert.Equal("weighted-sum", byFile.Json().GetProperty("attributes").GetProperty("method").GetString());

        var attribution = await Run("lineage", "attribution", node, "--json");
        Assert.True(attribution.ExitCode == 0, attribution.ToString());
        Assert.All(attribution.Json().GetProperty("shares").EnumerateArray(), s => Assert.Equal("external", s.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task Merge_AddDifference_WeightsAbcByAlpha()
    {
        await WriteModelAsync(_temp.Combine("c.safetensors"), 3);
        var nodes = new List<string>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            var registered = await Run("model", "register", _temp.Combine($"{name}.safetensors"), "--json");
            Assert.True(registered.ExitCode == 0, registered.ToString());
            nodes.Add(registered.Json().GetProperty("node").GetString()!);
        }

        var recipe = WriteRecipe("""{"method": "add-difference", "inputs": ["a.safetensors", "b.safetensors"], "base": "c.safetensors", "alpha": 0.5}""");
        var merged = await Run("model", "merge", recipe, "-o", _temp.Combine("diff.safetensors"), "--json");
        Assert.True(merged.ExitCode == 0, merged.ToString());

        var shown = await Run("lineage", "show", merged.Json().GetProperty("node").GetString()!, "--json");
        var parents = shown.Json().GetProperty("parents").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("weight").GetDouble());
        Assert.Equal(1 / 1.5, parents[nodes[0]], 9);
        Assert.Equal(0.5 / 1.5, parents[nodes[1]], 9);
        Assert.Equal(0, parents[nodes[2]], 9);
    }

    [Fact]
    public async Task Merge_Ties_BaseKeepsOneOverOnePlusLambda()
    {
        await WriteModelAsync(_temp.Combine("c.safetensors"), 3);
        var nodes = new List<string>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            var registered = await Run("model", "register", _temp.Combine($"{name}.safetensors"), "--json");
            Assert.True(registered.ExitCode == 0, registered.ToString());
            nodes.Add(registered.Json().GetProperty("node").GetString()!);
        }

        var recipe = WriteRecipe("""{"method": "ties", "inputs": ["a.safetensors", "b.safetensors"], "base": "c.safetensors", "density": 0.5, "lambda": 1}""");
        var merged = await Run("model", "merge", recipe, "-o", _temp.Combine("ties.safetensors"), "--json");
        Assert.True(merged.ExitCode == 0, merged.ToString());
        Assert.Equal(2, merged.Json().GetProperty("keptFractions").GetArrayLength());

        var shown = await Run("lineage", "show", merged.Json().GetProperty("node").GetString()!, "--json");
        var parents = shown.Json().GetProperty("parents").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("weight").GetDouble());
        Assert.Equal(0.5, parents[nodes[2]], 9);
        Assert.Equal(0.5, parents[nodes[0]] + parents[nodes[1]], 9);
    }

    [Fact]
    public async Task Register_TrainedOnAModelNotARun_Exit1AndNothingRecorded()
    {
        var a = await Run("model", "register", _temp.Combine("a.safetensors"), "--json");
        Assert.True(a.ExitCode == 0, a.ToString());

        var b = await Run("model", "register", _temp.Combine("b.safetensors"), "--trained-on", a.Json().GetProperty("node").GetString()!);

        Assert.True(b.ExitCode == 1, b.ToString());
        Assert.Equal(1, (await Run("model", "show", _temp.Combine("b.safetensors"))).ExitCode);
    }

    [Theory]
    [InlineData("""{"method": "average", "inputs": ["a.safetensors", "b.safetensors"]}""", "unknown merge method")]
    [InlineData("""{"method": "weighted-sum", "inputs": ["a.safetensors", "gone.safetensors"]}""", "does not exist")]
    [InlineData("""{"method": "weighted-sum", "inputs": ["a.safetensors", "b.safetensors"]}""", "is not registered")]
    public async Task Merge_BadRecipeOrUnregisteredInput_Exit1AndNothingWritten(string json, string message)
    {
        var recipe = WriteRecipe(json);
        var output = _temp.Combine("never.safetensors");

        var merged = await Run("model", "merge", recipe, "--output", output);

        Assert.True(merged.ExitCode == 1, merged.ToString());
        Assert.Contains(message, merged.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        var show = await Run("model", "show", _temp.Combine("a.safetensors"));
        Assert.Equal(1, show.ExitCode);
    }

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync([.. args, "-w", Root]);

    private string WriteRecipe(string json)
    {
        var path = _temp.Combine("recipe.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static async Task WriteModelAsync(string path, int seed)
    {
        SafetensorsTensorSpec[] specs = [new("w", SafetensorsDtype.F16, [4, 3]), new("ids", SafetensorsDtype.I32, [2])];
        await using var writer = await SafetensorsWriter.CreateAsync(path, specs, null, Ct);
        var random = new Random(seed);
        foreach (var tensor in writer.Tensors)
        {
            var bytes = tensor.Dtype == SafetensorsDtype.F16
                ? MemoryMarshal.AsBytes(Enumerable.Range(0, 12).Select(_ => (Half)random.NextDouble()).ToArray().AsSpan()).ToArray()
                : MemoryMarshal.AsBytes(new[] { 1, 2 }.AsSpan()).ToArray();
            await writer.WriteTensorAsync(tensor.Name, bytes, Ct);
        }

        await writer.CommitAsync(Ct);
    }
}
