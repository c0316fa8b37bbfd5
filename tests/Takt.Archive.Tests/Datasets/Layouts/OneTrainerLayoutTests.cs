using System.Text.Json;
using Takt.Archive.Datasets.Layouts;
using Takt.Domain.Datasets;
using static Takt.Archive.Tests.Datasets.Layouts.LayoutHarness;

namespace Takt.Archive.Tests.Datasets.Layouts;

public sealed class OneTrainerLayoutTests : IDisposable
{
    private readonly LayoutHarness _harness = new();

    private static readonly TargetSpec Target = new() { Format = DatasetFormat.OneTrainer, Repeats = 4, Masks = true };

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task WriteAsync_MasksAndConditioning_SidecarsBesideTheImage()
    {
        var samples = new[]
        {
            _harness.Sample("b-2", "mika, running", 2, conditioning: true, mask: true),
            _harness.Sample("a-1", "mika", 1, conditioning: true, mask: true),
        };

        var (root, entries) = await _harness.WriteTwiceAsync(Recipe(Target, name: "mika_v1"), samples);

        Assert.Equal(
            ["concepts.json",
             "concepts/mika_v1/a-1-condlabel.png", "concepts/mika_v1/a-1-masklabel.png", "concepts/mika_v1/a-1.png", "concepts/mika_v1/a-1.txt",
             "concepts/mika_v1/b-2-condlabel.png", "concepts/mika_v1/b-2-masklabel.png", "concepts/mika_v1/b-2.png", "concepts/mika_v1/b-2.txt"],
            Files(root));
        Assert.Equal(
            [LayoutEntryKind.Config, LayoutEntryKind.Conditioning, LayoutEntryKind.Mask, LayoutEntryKind.Media, LayoutEntryKind.Caption],
            entries.Take(5).Select(e => e.Kind));
        Assert.Equal("mika, running\n", Text(root, "concepts/mika_v1/b-2.txt"));
        Assert.Equal(File.ReadAllBytes(samples[0].MaskFile!), File.ReadAllBytes(Path.Combine(root, "concepts/mika_v1/b-2-masklabel.png")));
        Assert.Equal(File.ReadAllBytes(samples[0].ConditioningFile!), File.ReadAllBytes(Path.Combine(root, "concepts/mika_v1/b-2-condlabel.png")));
    }

    [Fact]
    public async Task WriteAsync_ConceptsJson_OneConceptConfigVersion2()
    {
        var (root, _) = await _harness.WriteAsync(Recipe(Target with { Concept = "Mika Chan", Masks = false }), [_harness.Sample("a-1", "mika", 1)]);

        var text = Text(root, OneTrainerLayout.ConceptsFile);
        Assert.EndsWith("]\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var concept = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(2, concept.GetProperty("__version").GetInt32());
        Assert.Equal("Mika Chan", concept.GetProperty("name").GetString());
        Assert.Equal("concepts/Mika-Chan", concept.GetProperty("path").GetString());
        Assert.True(concept.GetProperty("enabled").GetBoolean());
        Assert.Equal("STANDARD", concept.GetProperty("type").GetString());
        Assert.False(concept.GetProperty("include_subdirectories").GetBoolean());
        Assert.Equal(1, concept.GetProperty("image_variations").GetInt32());
        Assert.Equal(1, concept.GetProperty("text_variations").GetInt32());
        Assert.Equal(4.0, concept.GetProperty("balancing").GetDouble());
        Assert.Equal("REPEATS", concept.GetProperty("balancing_strategy").GetString());
        Assert.Equal(1.0, concept.GetProperty("loss_weight").GetDouble());
        Assert.Equal(0, concept.GetProperty("seed").GetInt32());
        var image = concept.GetProperty("image");
        Assert.False(image.GetProperty("enable_resolution_override").GetBoolean());
        Assert.False(image.GetProperty("enable_crop_jitter").GetBoolean());
        var prompt = concept.GetProperty("text");
        Assert.Equal("sample", prompt.GetProperty("prompt_source").GetString());
        Assert.Equal("", prompt.GetProperty("prompt_path").GetString());
        Assert.Equal(["a-1.png", "a-1.txt"], Files(Path.Combine(root, "concepts/Mika-Chan")));
    }
}
