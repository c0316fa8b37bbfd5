using System.Diagnostics;
using System.Text.Json;
using NetVips;
using Takt.Archive.Datasets.Video;
using Takt.TestKit.Files;
using static Takt.Archive.Tests.Datasets.DerivedImages;

namespace Takt.Archive.Tests.Datasets;

public sealed class ClipEncoderTests : IDisposable
{
    private readonly TempFolder folder = new("takt-ds-clips");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    private List<string> Frames(int count, int width, int height)
    {
        var frames = new List<string>();
        for (var i = 0; i < count; i++)
        {
            // Each frame differs, so a dropped or repeated frame changes the clip.
            using var pattern = Pattern(width + (i * 3), height, alpha: false);
            using var frame = pattern.ExtractArea(i * 3, 0, width, height);
            frames.Add(Save(frame, folder.Combine($"frame-{i:D3}.png")));
        }

        return frames;
    }

    [Fact]
    public async Task EncodeAsync_NineFrames_Mp4WithNineFramesAtTheSizeAndFps()
    {
        var output = folder.Combine("clip.mp4");

        await new ClipEncoder().EncodeAsync(Frames(9, 64, 48), 16, output, Ct);

        var stream = await ProbeAsync(output);
        Assert.Equal("h264", stream.GetProperty("codec_name").GetString());
        Assert.Equal("yuv420p", stream.GetProperty("pix_fmt").GetString());
        Assert.Equal(64, stream.GetProperty("width").GetInt32());
        Assert.Equal(48, stream.GetProperty("height").GetInt32());
        Assert.Equal("16/1", stream.GetProperty("r_frame_rate").GetString());
        Assert.Equal("9", stream.GetProperty("nb_read_frames").GetString());
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task EncodeAsync_Twice_ByteIdentical()
    {
        var frames = Frames(9, 32, 32);
        var first = folder.Combine("first.mp4");
        var second = folder.Combine("second.mp4");

        await new ClipEncoder().EncodeAsync(frames, 24, first, Ct);
        await new ClipEncoder().EncodeAsync(frames, 24, second, Ct);

        Assert.Equal(await File.ReadAllBytesAsync(first, Ct), await File.ReadAllBytesAsync(second, Ct));
    }

    [Fact]
    public async Task EncodeAsync_FramesOfDifferentSizes_ThrowsAndLeavesNoFile()
    {
        var frames = Frames(2, 32, 32);
        using var odd = Solid(16, 16, Enums.BandFormat.Uchar, 1, 2, 3);
        frames.Add(Save(odd, folder.Combine("odd.png")));
        var output = folder.Combine("mixed.mp4");

        var error = await Assert.ThrowsAsync<ClipEncodingException>(() => new ClipEncoder().EncodeAsync(frames, 24, output, Ct));

        Assert.Contains("every frame must be 32x32", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task EncodeAsync_Cancelled_StopsAndLeavesNoFile()
    {
        var frames = Frames(3, 32, 32);
        var output = folder.Combine("cancelled.mp4");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ClipEncoder().EncodeAsync(frames, 24, output, cancelled.Token));

        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task EncodeAsync_FfmpegMissing_SaysHowToInstallIt()
    {
        var encoder = new ClipEncoder(folder.Combine("no-such-ffmpeg"));

        var error = await Assert.ThrowsAsync<ClipEncodingException>(() => encoder.EncodeAsync(Frames(1, 16, 16), 24, folder.Combine("x.mp4"), Ct));

        Assert.Contains("install ffmpeg (Debian package ffmpeg)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolVersionsAsync_NamesFfmpegAndTheSettings()
    {
        var versions = await new ClipEncoder().ToolVersionsAsync(Ct);

        Assert.Matches(@"^ffmpeg version \S+$", versions["ffmpeg"]);
        Assert.Equal(ClipEncoder.Settings, versions["takt-clip"]);
    }

    private static async Task<JsonElement> ProbeAsync(string mp4)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=codec_name,pix_fmt,width,height,r_frame_rate,nb_read_frames", "-of", "json", mp4 })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var json = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("streams")[0].Clone();
    }
}
