using System.Diagnostics;
using System.Text;

namespace Takt.Cli.Tests;

/// <summary>Time-based media: WAV read natively, video through Debian's ffprobe, text as scripts.</summary>
public sealed class MediaIngestTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Ingest_WavVideoAndScript_RecordsDurationFramesAndLines()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _temp.Combine("media", "sc02", "c004");
        Directory.CreateDirectory(source);
        await File.WriteAllBytesAsync(Path.Combine(source, "voice_hana.wav"), Wav(sampleRate: 48_000, channels: 2, seconds: 1.5), ct);
        await File.WriteAllTextAsync(Path.Combine(source, "script.fountain"), "INT. RIVERBANK - NIGHT\r\nHana: Look!\r\n", ct);
        await RunFfmpegAsync(["-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=24", "-t", "2", "-pix_fmt", "yuv420p", Path.Combine(source, "layout_preview.mp4")], ct);
        var ws = _temp.Combine("ws");
        Assert.Equal(0, (await CliRunner.RunAsync("init", "-w", ws)).ExitCode);

        var result = await CliRunner.RunAsync("ingest", _temp.Combine("media"), "-w", ws, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var assets = (await CliRunner.RunAsync("assets", "list", "-w", ws, "--json")).Json().GetProperty("assets").EnumerateArray()
            .ToDictionary(a => a.GetProperty("layerKind").GetString()!, a => a.GetProperty("id").GetString()!);
        var audio = (await CliRunner.RunAsync("assets", "show", assets["audio"], "-w", ws, "--json")).Json().GetProperty("asset");
        Assert.Equal("audio/wav", audio.GetProperty("mediaType").GetString());
        Assert.Equal(1.5, audio.GetProperty("durationSeconds").GetDouble(), 3);
        Assert.Equal(2, audio.GetProperty("channels").GetInt32());
        var video = (await CliRunner.RunAsync("assets", "show", assets["layout"], "-w", ws, "--json")).Json().GetProperty("asset");
        Assert.Equal("video/mp4", video.GetProperty("mediaType").GetString());
        Assert.Equal(320, video.GetProperty("width").GetInt32());
        Assert.Equal(48, video.GetProperty("frameCount").GetInt32());
        Assert.Equal(2.0, video.GetProperty("durationSeconds").GetDouble(), 1);
        var script = (await CliRunner.RunAsync("assets", "show", assets["script"], "-w", ws, "--json")).Json().GetProperty("asset");
        Assert.Equal(2, script.GetProperty("frameCount").GetInt32());
        Assert.NotNull(script.GetProperty("contentHash").GetString());
    }

    [Fact]
    public async Task Ingest_TruncatedWav_FailsWithAReason()
    {
        var source = _temp.Combine("bad-audio");
        Directory.CreateDirectory(source);
        await File.WriteAllBytesAsync(Path.Combine(source, "voice.wav"), Wav(44_100, 1, 0.1)[..20], TestContext.Current.CancellationToken);
        var ws = _temp.Combine("ws-bad");
        Assert.Equal(0, (await CliRunner.RunAsync("init", "-w", ws)).ExitCode);

        var result = await CliRunner.RunAsync("ingest", source, "-w", ws, "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("WAV", result.Json().GetProperty("failures")[0].GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    private static byte[] Wav(int sampleRate, int channels, double seconds)
    {
        var frames = (int)(sampleRate * seconds);
        var data = frames * channels * 2;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        writer.Write("RIFF"u8);
        writer.Write(36 + data);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)channels);
        writer.Write(sampleRate);
        writer.Write(sampleRate * channels * 2);
        writer.Write((short)(channels * 2));
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(data);
        for (var i = 0; i < frames * channels; i++)
        {
            writer.Write((short)(Math.Sin(i * 0.05) * 8000));
        }

        writer.Flush();
        return stream.ToArray();
    }

    private static async Task RunFfmpegAsync(string[] args, CancellationToken ct)
    {
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", args) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"ffmpeg failed (./test.sh installs it): {error}");
    }

    public void Dispose() => _temp.Dispose();
}
