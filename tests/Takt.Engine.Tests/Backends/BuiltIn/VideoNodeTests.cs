using System.Diagnostics;
using NetVips;
using Takt.Domain.Workflows;
using Takt.Engine.Backends.BuiltIn;

namespace Takt.Engine.Tests.Backends.BuiltIn;

/// <summary>Frames to video and back, through Debian's real ffmpeg.</summary>
public sealed class VideoNodeTests : IAsyncLifetime
{
    private readonly BuiltInHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task FramesToVideo_ThreeFrames_Mp4ThatDecodesBackToThreeFramesOfTheSameSize()
    {
        var frames = await SequenceAsync(3, 64, 48, fps: 12);

        var video = await _harness.RunOneAsync(BuiltInNodeTypes.FramesToVideo, inputs: Inputs(("frames", frames)));
        var back = await _harness.RunOneAsync(BuiltInNodeTypes.VideoToFrames, inputs: Inputs(("video", video)));

        Assert.Equal((PortType.Video, "video/mp4"), (video.Type, video.MediaType));
        Assert.True(ImageSequence.TryRead(back, out var sequence, out var problem), problem);
        Assert.Equal((3, 12.0), (sequence!.Frames.Count, sequence.Fps));
        using var first = Image.NewFromBuffer(await _harness.Context.ReadAsync(sequence.Frame(0), Ct));
        Assert.Equal((64, 48, 3), (first.Width, first.Height, first.Bands));
        Assert.Equal(InlineValues.Hash(sequence.ToCanonicalJson()), back.ContentHash);
    }

    [Fact]
    public async Task FramesToVideo_SameFramesTwice_ByteIdenticalMp4()
    {
        var frames = await SequenceAsync(4, 32, 32, fps: 8);

        var first = await _harness.RunOneAsync(BuiltInNodeTypes.FramesToVideo, inputs: Inputs(("frames", frames)));
        var second = await _harness.RunOneAsync(BuiltInNodeTypes.FramesToVideo, inputs: Inputs(("frames", frames)));

        Assert.Equal(first.BlobHash, second.BlobHash);
    }

    [Fact]
    public async Task VideoToFrames_SameVideoTwice_SameSequence()
    {
        var frames = await SequenceAsync(3, 32, 32, fps: 8);
        var video = await _harness.RunOneAsync(BuiltInNodeTypes.FramesToVideo, inputs: Inputs(("frames", frames)));

        var first = await _harness.RunOneAsync(BuiltInNodeTypes.VideoToFrames, inputs: Inputs(("video", video)));
        var second = await _harness.RunOneAsync(BuiltInNodeTypes.VideoToFrames, inputs: Inputs(("video", video)));

        Assert.Equal(first.ContentHash, second.ContentHash);
    }

    [Fact]
    public async Task VideoToFrames_LowerFps_FewerFramesAtThatRate()
    {
        var video = await FfmpegTestVideoAsync(seconds: 2, fps: 10);

        var output = await _harness.RunOneAsync(BuiltInNodeTypes.VideoToFrames, new { fps = 5 }, Inputs(("video", video)));

        Assert.True(ImageSequence.TryRead(output, out var sequence, out _));
        Assert.Equal((10, 5.0), (sequence!.Frames.Count, sequence.Fps));
    }

    [Fact]
    public async Task FramesToVideo_OddSize_PermanentErrorNamingTheSize()
    {
        var frames = await SequenceAsync(2, 33, 32, fps: 8);

        var error = await _harness.FailAsync(BuiltInNodeTypes.FramesToVideo, inputs: Inputs(("frames", frames)));

        Assert.Contains("33x32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FramesToVideo_FramesOfDifferentSizes_PermanentError()
    {
        using var a = TestPictures.Gradient(32, 32);
        using var b = TestPictures.Gradient(64, 32);
        var hashes = new[] { (await _harness.PutPngAsync(a)).BlobHash!, (await _harness.PutPngAsync(b)).BlobHash! };

        var error = await _harness.FailAsync(BuiltInNodeTypes.FramesToVideo, inputs: Inputs(("frames", ImageSequence.Create(hashes, 8).ToPortValue())));

        Assert.Contains("every frame must be 32x32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FramesToVideo_FractionalRateAndNoFps_PermanentErrorAskingForFps()
    {
        var frames = await SequenceAsync(2, 32, 32, fps: 29.97);

        var error = await _harness.FailAsync(BuiltInNodeTypes.FramesToVideo, inputs: Inputs(("frames", frames)));

        Assert.Contains("set the fps parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VideoToFrames_NotAVideo_PermanentError()
    {
        var input = await _harness.Context.PutAsync(PortType.Video, "video/mp4", "not a video at all"u8.ToArray(), Ct);

        var error = await _harness.FailAsync(BuiltInNodeTypes.VideoToFrames, inputs: Inputs(("video", input)));

        Assert.Contains("input 'video' is not a readable video", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageSequence_CanonicalJson_IsTheDocumentedShape()
    {
        var hash = new string('a', 64);

        var value = ImageSequence.Create([hash, hash], 24).ToPortValue();

        Assert.Equal($$"""{"fps":24,"frames":["{{hash}}","{{hash}}"]}""", value.Inline!.Value.GetRawText());
        Assert.Equal(PortType.ImageSequence, value.Type);
    }

    private async Task<PortValue> SequenceAsync(int count, int width, int height, double fps)
    {
        var hashes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var frame = TestPictures.Gradient(width, height, seed: i * 5);
            hashes.Add((await _harness.PutPngAsync(frame)).BlobHash!);
        }

        return ImageSequence.Create(hashes, fps).ToPortValue();
    }

    /// <summary>A test pattern clip made by ffmpeg itself, stored as an input.</summary>
    private async Task<PortValue> FfmpegTestVideoAsync(int seconds, int fps)
    {
        var file = Path.Combine(_harness.WorkspaceRoot, "pattern.mp4");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", $"testsrc=size=64x48:rate={fps}:duration={seconds}", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-y", file })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, stderr);
        return await _harness.Context.PutAsync(PortType.Video, "video/mp4", await File.ReadAllBytesAsync(file, Ct), Ct);
    }

    private static Dictionary<string, PortValue> Inputs(params (string Port, PortValue Value)[] inputs) => ImageNodeTests.Inputs(inputs);
}
