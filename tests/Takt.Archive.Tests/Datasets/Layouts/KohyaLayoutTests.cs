using System.Text.Json;
using Takt.Archive.Datasets.Layouts;
using Takt.Domain.Datasets;
using static Takt.Archive.Tests.Datasets.Layouts.LayoutHarness;

namespace Takt.Archive.Tests.Datasets.Layouts;

public sealed class KohyaLayoutTests : IDisposable
{
    private readonly LayoutHarness _harness = new();

    private static readonly TargetSpec Target = new()
    {
        Format = DatasetFormat.Kohya,
        Resolution = new PixelSize(1024, 768),
        MinBucket = 320,
        MaxBucket = 1536,
        BucketStep = 64,
        Concept = "Mika Chan",
        Repeats = 3,
    };

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task WriteAsync_Images_RepeatFolderCaptionsAndConfig()
    {
        var samples = new[] { _harness.Sample("b-2", "mika, smiling", 2), _harness.Sample("a-1", "mika\nsecond line", 1) };

        var (root, entries) = await _harness.WriteTwiceAsync(Recipe(Target), samples);

        Assert.Equal(
            ["dataset_config.toml", "img/3_Mika-Chan/a-1.png", "img/3_Mika-Chan/a-1.txt", "img/3_Mika-Chan/b-2.png", "img/3_Mika-Chan/b-2.txt"],
            Files(root));
        Assert.Equal("mika\nsecond line\n", Text(root, "img/3_Mika-Chan/a-1.txt"));
        Assert.Equal("mika, smiling\n", Text(root, "img/3_Mika-Chan/b-2.txt"));
        Assert.Equal(File.ReadAllBytes(samples[0].MediaFile), File.ReadAllBytes(Path.Combine(root, "img/3_Mika-Chan/b-2.png")));
        Assert.Equal(
            [LayoutEntryKind.Config, LayoutEntryKind.Media, LayoutEntryKind.Caption, LayoutEntryKind.Media, LayoutEntryKind.Caption],
            entries.Select(e => e.Kind));
        Assert.Equal([null, "a-1", "a-1", "b-2", "b-2"], entries.Select(e => e.Stem));
        Assert.Equal(
            """
            # kohya-ss sd-scripts dataset config, written by Takt.
            # Paths are relative to this folder: run the trainer with it as the working directory.
            # Images are already at their bucket size, so kohya neither resizes nor crops them.

            [general]

            [[datasets]]
            resolution = [1024, 768]
            batch_size = 1
            enable_bucket = true
            min_bucket_reso = 320
            max_bucket_reso = 1536
            bucket_reso_steps = 64
            bucket_no_upscale = false

              [[datasets.subsets]]
              image_dir = "img/3_Mika-Chan"
              caption_extension = ".txt"
              num_repeats = 3
              class_tokens = "Mika Chan"

            """.ReplaceLineEndings("\n"),
            Text(root, "dataset_config.toml"));
    }

    [Fact]
    public async Task WriteAsync_Config_ParsesAsTomlWithTheSchemaKeys()
    {
        var (root, _) = await _harness.WriteAsync(Recipe(Target with { Colour = ColourMode.Rgba }), [_harness.Sample("a-1", "mika", 1)]);

        using var parsed = JsonDocument.Parse(await PythonAsync(TomlToJson, Path.Combine(root, KohyaLayout.ConfigFile)));

        var dataset = parsed.RootElement.GetProperty("datasets")[0];
        Assert.Equal("[1024,768]", dataset.GetProperty("resolution").GetRawText());
        Assert.Equal(
            ["batch_size", "bucket_no_upscale", "bucket_reso_steps", "enable_bucket", "max_bucket_reso", "min_bucket_reso", "resolution", "subsets"],
            dataset.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var subset = dataset.GetProperty("subsets")[0];
        Assert.Equal(
            ["alpha_mask", "caption_extension", "class_tokens", "image_dir", "num_repeats"],
            subset.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(subset.GetProperty("alpha_mask").GetBoolean());
        Assert.Empty(parsed.RootElement.GetProperty("general").EnumerateObject());
    }

    [Fact]
    public async Task WriteAsync_Conditioning_SameStemsInConditioningDirWithoutClassTokens()
    {
        var samples = new[] { _harness.Sample("a-1", "mika", 1, conditioning: true), _harness.Sample("b-2", "mika", 2, conditioning: true) };

        var (root, entries) = await _harness.WriteTwiceAsync(Recipe(Target), samples);

        Assert.Equal(
            ["conditioning/3_Mika-Chan/a-1.png", "conditioning/3_Mika-Chan/b-2.png", "dataset_config.toml",
             "img/3_Mika-Chan/a-1.png", "img/3_Mika-Chan/a-1.txt", "img/3_Mika-Chan/b-2.png", "img/3_Mika-Chan/b-2.txt"],
            Files(root));
        Assert.Equal(LayoutEntryKind.Conditioning, entries[0].Kind);
        Assert.Equal(File.ReadAllBytes(samples[1].ConditioningFile!), File.ReadAllBytes(Path.Combine(root, "conditioning/3_Mika-Chan/b-2.png")));
        var toml = Text(root, KohyaLayout.ConfigFile);
        Assert.EndsWith(
            """
              [[datasets.subsets]]
              image_dir = "img/3_Mika-Chan"
              caption_extension = ".txt"
              num_repeats = 3
              conditioning_data_dir = "conditioning/3_Mika-Chan"

            """.ReplaceLineEndings("\n"),
            toml,
            StringComparison.Ordinal);
        Assert.DoesNotContain("class_tokens", toml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_ConditioningWithRgba_Refused()
    {
        // kohya's ControlNet subset schema has no alpha_mask: the run would fail on "extra keys not allowed".
        await Assert.ThrowsAsync<NotSupportedException>(() =>
            _harness.WriteAsync(Recipe(Target with { Colour = ColourMode.Rgba }), [_harness.Sample("a-1", "mika", 1, conditioning: true)]));
    }

    [Fact]
    public async Task WriteAsync_MaskFiles_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _harness.WriteAsync(Recipe(Target), [_harness.Sample("a-1", "mika", 1, mask: true)]));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\data", "\"C:\\\\data\"")]
    [InlineData("a\tb\nc\u0001", "\"a\\tb\\nc\\u0001\"")]
    [InlineData("ミカ", "\"ミカ\"")]
    public async Task Toml_String_EscapesWhatTomlRequires(string value, string expected)
    {
        Assert.Equal(expected, LayoutFiles.Toml(value));
        var parsed = await PythonAsync("import sys, tomllib; sys.stdout.buffer.write(tomllib.loads('v = ' + sys.argv[1])['v'].encode())", expected);
        Assert.Equal(value, parsed);
    }

    internal const string TomlToJson = "import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], 'rb')), separators=(',', ':')))";
}
