using Takt.Domain.Workflows;
using Takt.Engine.Backends.BuiltIn;

namespace Takt.Engine.Tests.Backends.BuiltIn;

public sealed class ExportNodeTests : IAsyncLifetime
{
    private readonly BuiltInHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Outputs => Path.Combine(_harness.WorkspaceRoot, "outputs");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task Export_Image_WritesItsBytesUnderOutputsAndReturnsTheRelativePath()
    {
        using var image = TestPictures.Gradient(16, 16);
        var input = await _harness.PutPngAsync(image);

        var output = await _harness.RunOneAsync(BuiltInNodeTypes.Export, new { name = "shot01" }, Inputs(("image", input)));

        Assert.Equal((PortType.Text, "outputs/shot01.png"), (output.Type, output.Inline!.Value.GetString()));
        Assert.Equal(await _harness.Context.ReadAsync(input, Ct), await File.ReadAllBytesAsync(Path.Combine(Outputs, "shot01.png"), Ct));
        Assert.Equal(["shot01.png"], Directory.EnumerateFileSystemEntries(Outputs).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Export_SameNameAgain_ReplacesTheFileWhole()
    {
        using var first = TestPictures.Gradient(16, 16, seed: 1);
        using var second = TestPictures.Gradient(24, 24, seed: 2);
        await _harness.RunOneAsync(BuiltInNodeTypes.Export, new { name = "a.png" }, Inputs(("image", await _harness.PutPngAsync(first))));
        var input = await _harness.PutPngAsync(second);

        await _harness.RunOneAsync(BuiltInNodeTypes.Export, new { name = "a.png" }, Inputs(("image", input)));

        Assert.Equal(await _harness.Context.ReadAsync(input, Ct), await File.ReadAllBytesAsync(Path.Combine(Outputs, "a.png"), Ct));
        Assert.Single(Directory.EnumerateFileSystemEntries(Outputs));
    }

    [Theory]
    [InlineData("../escape.png", "contains '..'")]
    [InlineData("..", "is not a file name")]
    [InlineData("/tmp/abs.png", "contains a path separator")]
    [InlineData("sub/dir.png", "contains a path separator")]
    [InlineData("sub\\dir.png", "contains a path separator")]
    [InlineData("", "is empty")]
    [InlineData(".hidden.png", "starts with '.'")]
    [InlineData("c:thing.png", "is an absolute path")]
    public async Task Export_NameThatCouldEscape_PermanentErrorAndNothingWritten(string name, string expected)
    {
        using var image = TestPictures.Gradient(8, 8);
        var input = await _harness.PutPngAsync(image);

        var error = await _harness.FailAsync(BuiltInNodeTypes.Export, new { name }, Inputs(("image", input)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Outputs) && Directory.EnumerateFileSystemEntries(Outputs).Any());
        Assert.False(File.Exists(Path.Combine(_harness.WorkspaceRoot, "escape.png")));
    }

    [Fact]
    public async Task Export_TwoInputsConnected_PermanentError()
    {
        using var image = TestPictures.Gradient(8, 8);
        var input = await _harness.PutPngAsync(image);
        var video = await _harness.Context.PutAsync(PortType.Video, "video/mp4", [1, 2, 3], Ct);

        var error = await _harness.FailAsync(BuiltInNodeTypes.Export, new { name = "x" }, Inputs(("image", input), ("video", video)));

        Assert.Contains("exactly one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_NoInputConnected_PermanentError()
    {
        var error = await _harness.FailAsync(BuiltInNodeTypes.Export, new { name = "x.png" });

        Assert.Contains("none is connected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_MissingBlob_PermanentErrorAndNoFile()
    {
        var missing = new string('b', 64);
        var input = new PortValue(PortType.Image, missing, BlobHash: missing, MediaType: "image/png");

        var error = await _harness.FailAsync(BuiltInNodeTypes.Export, new { name = "gone.png" }, Inputs(("image", input)));

        Assert.Contains("missing from the blob store", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Outputs));
    }

    private static Dictionary<string, PortValue> Inputs(params (string Port, PortValue Value)[] inputs) => ImageNodeTests.Inputs(inputs);
}
