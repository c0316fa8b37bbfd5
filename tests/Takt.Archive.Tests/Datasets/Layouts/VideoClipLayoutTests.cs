using System.Security.Cryptography;
using System.Text.Json;
using Takt.Archive.Datasets.Layouts;
using Takt.Domain.Datasets;
using static Takt.Archive.Tests.Datasets.Layouts.LayoutHarness;

namespace Takt.Archive.Tests.Datasets.Layouts;

public sealed class VideoClipLayoutTests : IDisposable
{
    private readonly LayoutHarness _harness = new();

    private static readonly TargetSpec Target = new()
    {
        Format = DatasetFormat.VideoClips,
        BucketRule = BucketRule.Musubi,
        BucketStep = 16,
        Resolution = new PixelSize(960, 544),
        ClipFrames = 33,
        Fps = 24,
        Repeats = 2,
    };

    public void Dispose() => _harness.Dispose();

    private LayoutSample Clip(string stem, int seed, PixelSize bucket, int frames = 33) =>
        _harness.Sample(stem, $"clip {stem}", seed) with
        {
            MediaFile = _harness.Write($"{stem}.mp4", RandomNumberGenerator.GetBytes(2_000)),
            Bucket = bucket,
            Frames = frames,
        };

    [Fact]
    public async Task WriteAsync_Clips_VideosWithCaptionsAndBothConfigs()
    {
        var samples = new[] { Clip("b-2", 2, new PixelSize(544, 960)), Clip("a-1", 1, new PixelSize(960, 544)), Clip("c-3", 3, new PixelSize(960, 544), frames: 40) };

        var (root, entries) = await _harness.WriteTwiceAsync(Recipe(Target), samples);

        Assert.Equal(
            ["diffusion_pipe_dataset.toml", "musubi_dataset.toml",
             "videos/a-1.mp4", "videos/a-1.txt", "videos/b-2.mp4", "videos/b-2.txt", "videos/c-3.mp4", "videos/c-3.txt"],
            Files(root));
        Assert.Equal("clip b-2\n", Text(root, "videos/b-2.txt"));
        Assert.Equal(File.ReadAllBytes(samples[0].MediaFile), File.ReadAllBytes(Path.Combine(root, "videos/b-2.mp4")));
        Assert.Equal((LayoutEntryKind.Media, "a-1"), (entries[2].Kind, entries[2].Stem));
        Assert.Equal(
            """
            # musubi-tuner dataset config.
            # Written by Takt. Paths are relative to this folder: run the trainer with it as the working directory.

            [general]
            resolution = [960, 544]
            caption_extension = ".txt"
            batch_size = 1
            enable_bucket = true
            bucket_no_upscale = false

            [[datasets]]
            video_directory = "videos"
            cache_directory = "cache"
            target_frames = [33]
            frame_extraction = "head"
            source_fps = 24.0
            num_repeats = 2

            """.ReplaceLineEndings("\n"),
            Text(root, VideoClipLayout.MusubiFile));
        Assert.Equal(
            """
            # diffusion-pipe dataset config.
            # Written by Takt. Paths are relative to this folder: run the trainer with it as the working directory.

            resolutions = [[960, 544]]
            enable_ar_bucket = true
            ar_buckets = [[544, 960], [960, 544]]
            frame_buckets = [1, 33]

            [[directory]]
            path = "videos"
            num_repeats = 2

            """.ReplaceLineEndings("\n"),
            Text(root, VideoClipLayout.DiffusionPipeFile));
    }

    [Fact]
    public async Task WriteAsync_Configs_ParseAsTomlWithTypesTheTrainersCheck()
    {
        var (root, _) = await _harness.WriteAsync(Recipe(Target), [Clip("a-1", 1, new PixelSize(960, 544))]);

        using var musubi = JsonDocument.Parse(await PythonAsync(
            "import json, sys, tomllib; d = tomllib.load(open(sys.argv[1], 'rb')); d['fps_is_float'] = isinstance(d['datasets'][0]['source_fps'], float); print(json.dumps(d, separators=(',', ':')))",
            Path.Combine(root, VideoClipLayout.MusubiFile)));
        Assert.True(musubi.RootElement.GetProperty("fps_is_float").GetBoolean());
        var dataset = musubi.RootElement.GetProperty("datasets")[0];
        Assert.Equal("[33]", dataset.GetProperty("target_frames").GetRawText());
        Assert.Equal("videos", dataset.GetProperty("video_directory").GetString());

        using var pipe = JsonDocument.Parse(await PythonAsync(KohyaLayoutTests.TomlToJson, Path.Combine(root, VideoClipLayout.DiffusionPipeFile)));
        Assert.Equal("[[960,544]]", pipe.RootElement.GetProperty("resolutions").GetRawText());
        Assert.Equal("[1,33]", pipe.RootElement.GetProperty("frame_buckets").GetRawText());
        Assert.Equal("videos", pipe.RootElement.GetProperty("directory")[0].GetProperty("path").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(29)]
    public async Task WriteAsync_ClipShorterThanTheTarget_Refused(int? frames)
    {
        var clip = Clip("a-1", 1, new PixelSize(960, 544)) with { Frames = frames };

        await Assert.ThrowsAsync<ArgumentException>(() => _harness.WriteAsync(Recipe(Target), [clip]));
    }
}
