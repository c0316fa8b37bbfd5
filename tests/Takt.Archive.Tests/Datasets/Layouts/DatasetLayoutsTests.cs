using Takt.Archive.Datasets.Layouts;
using Takt.Domain.Datasets;
using static Takt.Archive.Tests.Datasets.Layouts.LayoutHarness;

namespace Takt.Archive.Tests.Datasets.Layouts;

public sealed class DatasetLayoutsTests : IDisposable
{
    private readonly LayoutHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public static TheoryData<DatasetFormat> ImageFormats => [DatasetFormat.Kohya, DatasetFormat.OneTrainer, DatasetFormat.ImageFolder, DatasetFormat.WebDataset];

    [Theory]
    [MemberData(nameof(ImageFormats))]
    public async Task WriteAsync_EveryImageFormat_CaptionsAreUtf8WithoutBomAndLf(DatasetFormat format)
    {
        var sample = _harness.Sample("a-1", "ミカ\r\nsecond\r\n\r\n", 1);

        var (root, entries) = await _harness.WriteTwiceAsync(Recipe(new TargetSpec { Format = format }), [sample]);

        var captions = entries.Where(e => e.Kind == LayoutEntryKind.Caption).ToArray();
        if (format == DatasetFormat.ImageFolder)
        {
            Assert.Empty(captions);
            Assert.Contains("\"text\":\"ミカ\\nsecond\"", Text(root, ImageFolderLayout.MetadataFile), StringComparison.Ordinal);
            return;
        }

        var caption = Assert.Single(captions);
        Assert.Equal("a-1", caption.Stem);
        var bytes = format == DatasetFormat.WebDataset
            ? TarMembers(Path.Combine(root, caption.Path.Split('#')[0])).Single(m => m.Name == "a-1.txt").Bytes
            : File.ReadAllBytes(Path.Combine(root, caption.Path));
        Assert.Equal("ミカ\nsecond\n"u8.ToArray(), bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n ")]
    public async Task WriteAsync_EmptyCaption_Refused(string caption)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _harness.WriteAsync(Recipe(new TargetSpec { Format = DatasetFormat.Kohya }), [_harness.Sample("a-1", caption, 1)]));

        Assert.Contains("empty caption", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A-1")]
    [InlineData("a_1")]
    [InlineData("")]
    public async Task WriteAsync_StemOutsideTheContract_Refused(string stem)
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _harness.WriteAsync(Recipe(new TargetSpec { Format = DatasetFormat.OneTrainer }), [_harness.Sample(stem, "x", 1)]));
    }

    [Fact]
    public async Task WriteAsync_SameStemTwice_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _harness.WriteAsync(Recipe(new TargetSpec { Format = DatasetFormat.ImageFolder }), [_harness.Sample("a-1", "x", 1), _harness.Sample("a-1", "y", 2)]));
    }

    [Fact]
    public async Task WriteAsync_ConditioningOnSomeSamplesOnly_Refused()
    {
        // kohya asserts no missing conditioning image; HF's webdataset loader wants one field set.
        var samples = new[] { _harness.Sample("a-1", "x", 1, conditioning: true), _harness.Sample("b-2", "y", 2) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _harness.WriteAsync(Recipe(new TargetSpec { Format = DatasetFormat.WebDataset }), samples));

        Assert.Contains("b-2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_RootNotEmpty_Refused()
    {
        using var folder = new Takt.TestKit.Files.TempFolder();
        File.WriteAllText(folder.Combine("stale.txt"), "x");

        await Assert.ThrowsAsync<ArgumentException>(() =>
            DatasetLayouts.WriteAsync(Recipe(new TargetSpec { Format = DatasetFormat.Kohya }), [_harness.Sample("a-1", "x", 1)], folder.Path, Ct));
    }
}
