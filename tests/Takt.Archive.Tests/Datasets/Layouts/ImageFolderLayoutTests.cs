using System.Text.Json;
using Takt.Archive.Datasets.Layouts;
using Takt.Domain.Datasets;
using static Takt.Archive.Tests.Datasets.Layouts.LayoutHarness;

namespace Takt.Archive.Tests.Datasets.Layouts;

public sealed class ImageFolderLayoutTests : IDisposable
{
    private readonly LayoutHarness _harness = new();

    private static readonly TargetSpec Target = new() { Format = DatasetFormat.ImageFolder, BucketRule = BucketRule.Fixed };

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task WriteAsync_ControlNetPairs_MetadataLinksRelativePathsInFixedKeyOrder()
    {
        var samples = new[]
        {
            _harness.Sample("b-2", "ミカ, \"quoted\"", 2, conditioning: true, mask: true),
            _harness.Sample("a-1", "mika\nalt", 1, conditioning: true, mask: true),
        };

        var (root, entries) = await _harness.WriteTwiceAsync(Recipe(Target), samples);

        Assert.Equal(
            ["train/conditioning/a-1.png", "train/conditioning/b-2.png", "train/images/a-1.png", "train/images/b-2.png",
             "train/masks/a-1.png", "train/masks/b-2.png", "train/metadata.jsonl"],
            Files(root));
        Assert.Equal(LayoutEntryKind.Config, entries.Single(e => e.Path == ImageFolderLayout.MetadataFile).Kind);
        Assert.Equal(LayoutEntryKind.Mask, entries.Single(e => e.Path == "train/masks/b-2.png").Kind);
        var lines = Text(root, ImageFolderLayout.MetadataFile).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("", lines[2]);
        Assert.Equal(
            """{"file_name":"images/a-1.png","conditioning_image_file_name":"conditioning/a-1.png","mask_file_name":"masks/a-1.png","text":"mika\nalt"}""",
            lines[0]);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(
            ["file_name", "conditioning_image_file_name", "mask_file_name", "text"],
            second.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ミカ, \"quoted\"", second.RootElement.GetProperty("text").GetString());
        foreach (var property in second.RootElement.EnumerateObject().Where(p => p.Name.EndsWith("file_name", StringComparison.Ordinal)))
        {
            var path = property.Value.GetString()!;
            Assert.False(Path.IsPathRooted(path) || path.Contains("..", StringComparison.Ordinal) || path.Contains("://", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(root, "train", path)), path);
        }
    }

    [Fact]
    public async Task WriteAsync_ImagesOnly_NoCaptionFilesAndOnlyFileNameAndText()
    {
        var (root, _) = await _harness.WriteAsync(Recipe(Target), [_harness.Sample("a-1", "mika", 1)]);

        Assert.Equal(["train/images/a-1.png", "train/metadata.jsonl"], Files(root));
        Assert.Equal("{\"file_name\":\"images/a-1.png\",\"text\":\"mika\"}\n", Text(root, ImageFolderLayout.MetadataFile));
    }
}
