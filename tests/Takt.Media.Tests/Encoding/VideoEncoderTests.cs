using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Takt.Media.Encoding;
using Takt.TestKit.Files;

namespace Takt.Media.Tests.Encoding;

/// <summary>The encoder against the real ffmpeg: frames over the pipe, read back with ffprobe and ffmpeg.</summary>
public sealed class VideoEncoderTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData(VideoCodec.H264, "out.mp4", "h264")]
    [InlineData(VideoCodec.Av1, "out-av1.mp4", "av1")]
    [InlineData(VideoCodec.ProRes, "out.mov", "prores")]
    public async Task Frames_AreEncodedAtTheRate_AndDecodeToTheirColours(VideoCodec codec, string name, string expectedCodec)
    {
        var path = _temp.Combine(name);
        await using (var encoder = VideoEncoder.Start(path, new EncoderOptions(64, 64, 24000, 1001, codec, Preset: "ultrafast")))
        {
            for (var i = 0; i < 12; i++)
            {
                await encoder.WriteFrameAsync(Solid(64, 64, (byte)(i * 20), 128, 200), Ct);
            }

            var done = await encoder.CompleteAsync(Ct);
            Assert.Equal(12, done.Frames);
        }

        var probe = await ProbeAsync(path);
        var stream = probe.GetProperty("streams")[0];
        Assert.Equal(expectedCodec, stream.GetProperty("codec_name").GetString());
        Assert.Equal((64, 64), (stream.GetProperty("width").GetInt32(), stream.GetProperty("height").GetInt32()));
        Assert.Equal("24000/1001", stream.GetProperty("r_frame_rate").GetString());
        Assert.Equal("12", stream.GetProperty("nb_read_frames").GetString());
        var frame = await DecodeFrameAsync(path, 5);
        Assert.InRange(frame[0], 100 - 6, 100 + 6);
        Assert.InRange(frame[1], 128 - 6, 128 + 6);
        Assert.InRange(frame[2], 200 - 6, 200 + 6);
        Assert.Empty(Directory.GetFiles(_temp.Path, ".*"));
    }

    [Fact]
    public async Task AudioTracks_AreMixedIntoOne_CutToTheVideo()
    {
        var tone = _temp.Combine("tone.wav");
        var music = _temp.Combine("music.wav");
        await RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=5", tone);
        await RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=660:duration=5", music);
        var path = _temp.Combine("with-audio.mp4");

        await using (var encoder = VideoEncoder.Start(path, new EncoderOptions(32, 32, 24, Preset: "ultrafast", Audio: [tone, music])))
        {
            for (var i = 0; i < 24; i++)
            {
                await encoder.WriteFrameAsync(Solid(32, 32, 10, 20, 30), Ct);
            }

            await encoder.CompleteAsync(Ct);
        }

        var streams = (await ProbeAsync(path)).GetProperty("streams").EnumerateArray().ToList();
        var audio = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "audio");
        Assert.InRange(double.Parse(audio.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture), 0.9, 1.2);
    }

    [Fact]
    public void BadOptions_AreRefusedWithTheReason()
    {
        Assert.Contains("must be even", Assert.Throws<EncoderException>(() => VideoEncoder.Start(_temp.Combine("x.mp4"), new EncoderOptions(63, 48, 24))).Message, StringComparison.Ordinal);
        Assert.Contains("unknown preset", Assert.Throws<EncoderException>(() => VideoEncoder.Start(_temp.Combine("x.mp4"), new EncoderOptions(64, 48, 24, Preset: "warp"))).Message, StringComparison.Ordinal);
        Assert.Contains("install ffmpeg", Assert.Throws<EncoderException>(() => VideoEncoder.Start(_temp.Combine("x.mp4"), new EncoderOptions(64, 48, 24, Ffmpeg: "/nonexistent/ffmpeg"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FfmpegFailing_SurfacesItsStderr_AndLeavesNoFile()
    {
        var path = _temp.Combine("broken.mp4");
        var missing = _temp.Combine("no-such-audio.wav");

        var e = await Assert.ThrowsAsync<EncoderException>(async () =>
        {
            await using var encoder = VideoEncoder.Start(path, new EncoderOptions(32, 32, 24, Audio: [missing]));
            for (var i = 0; i < 200; i++)
            {
                await encoder.WriteFrameAsync(Solid(32, 32, 1, 2, 3), Ct);
            }

            await encoder.CompleteAsync(Ct);
        });

        Assert.Contains("no-such-audio.wav", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public async Task Disposed_BeforeCompleting_LeavesNothingBehind()
    {
        var path = _temp.Combine("abandoned.mp4");
        await using (var encoder = VideoEncoder.Start(path, new EncoderOptions(32, 32, 24)))
        {
            await encoder.WriteFrameAsync(Solid(32, 32, 1, 2, 3), Ct);
        }

        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    private static byte[] Solid(int width, int height, byte r, byte g, byte b)
    {
        var frame = new byte[width * height * 3];
        for (var i = 0; i < frame.Length; i += 3)
        {
            (frame[i], frame[i + 1], frame[i + 2]) = (r, g, b);
        }

        return frame;
    }

    private static async Task<JsonElement> ProbeAsync(string path)
    {
        var output = await RunAsync("ffprobe", "-v", "error", "-count_frames", "-show_streams", "-of", "json", path);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static async Task<byte[]> DecodeFrameAsync(string path, int index)
    {
        var raw = Path.GetTempFileName();
        try
        {
            await RunAsync("ffmpeg", "-v", "error", "-y", "-i", path, "-vf", $"select=eq(n\\,{index})", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", raw);
            return await File.ReadAllBytesAsync(raw, Ct);
        }
        finally
        {
            File.Delete(raw);
        }
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await errors}");
        return await output;
    }

    public void Dispose() => _temp.Dispose();
}
