using Takt.Engine.Models.Merging;
using Takt.Engine.Models.Safetensors;
using Takt.TestKit.Files;

namespace Takt.Engine.Tests.Merging;

public sealed class MergeRecipeTests : IDisposable
{
    private readonly TempFolder _folder = new("takt-recipe");

    public MergeRecipeTests()
    {
        File.WriteAllBytes(_folder.Combine("a.safetensors"), []);
        File.WriteAllBytes(_folder.Combine("b.safetensors"), []);
        File.WriteAllBytes(_folder.Combine("c.safetensors"), []);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Parse_FullTiesRecipe_ResolvesPathsAndReadsFields()
    {
        var recipe = MergeRecipe.Parse(
            """{"method": "ties", "inputs": [{"path": "a.safetensors", "coefficient": 0.6}, "b.safetensors"], "base": "c.safetensors", "density": 0.2, "lambda": 0.9, "outputDtype": "BF16"}""",
            _folder.Path);

        Assert.Equal(MergeMethod.Ties, recipe.Method);
        Assert.Equal(_folder.Combine("a.safetensors"), recipe.Inputs[0].Path);
        Assert.Equal(0.6, recipe.Inputs[0].Coefficient);
        Assert.Equal(1, recipe.Inputs[1].Coefficient);
        Assert.Equal(_folder.Combine("c.safetensors"), recipe.Base);
        Assert.Equal(0.2, recipe.Density);
        Assert.Equal(0.9, recipe.Lambda);
        Assert.Equal(SafetensorsDtype.BF16, recipe.OutputDtype);
    }

    [Theory]
    [InlineData("""{"method": "average", "inputs": ["a.safetensors"]}""", "unknown merge method 'average'")]
    [InlineData("""{"method": "weighted-sum", "inputs": ["missing.safetensors"]}""", "does not exist")]
    [InlineData("""{"method": "ties", "inputs": ["a.safetensors"], "density": 0.5}""", "needs a 'base'")]
    [InlineData("""{"method": "ties", "inputs": ["a.safetensors"], "base": "c.safetensors"}""", "needs a 'density'")]
    [InlineData("""{"method": "dare", "inputs": ["a.safetensors"], "base": "c.safetensors"}""", "needs a 'dropProbability'")]
    [InlineData("""{"method": "slerp", "inputs": ["a.safetensors"], "t": 0.5}""", "exactly 2 inputs")]
    [InlineData("""{"method": "slerp", "inputs": ["a.safetensors", "b.safetensors"], "t": 1.5}""", "'t' must be in [0, 1]")]
    [InlineData("""{"method": "weighted-sum", "inputs": ["a.safetensors"], "alpah": 1}""", "unknown recipe field 'alpah'")]
    [InlineData("""{"method": "weighted-sum", "inputs": []}""", "needs 'inputs'")]
    [InlineData("""{"method": "weighted-sum", "inputs": ["a.safetensors"], "outputDtype": "I32"}""", "'outputDtype' must be")]
    [InlineData("""{"method": """, "not valid JSON")]
    public void Parse_BadRecipe_ClearError(string json, string expected)
    {
        var error = Assert.Throws<MergeException>(() => MergeRecipe.Parse(json, _folder.Path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
