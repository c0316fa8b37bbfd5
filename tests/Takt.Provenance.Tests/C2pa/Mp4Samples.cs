using System.Diagnostics;
using Takt.TestKit.Files;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>
/// Real MP4s made by ffmpeg at test time (no media is committed): mdat before moov (ffmpeg's
/// default), moov before mdat (+faststart), and one with an audio track as well.
/// </summary>
public sealed class Mp4Samples : IAsyncLifetime
{
    private readonly TempFolder _folder = new("takt-mp4");

    public string Plain => _folder.Combine("plain.mp4");

    public string FastStart => _folder.Combine("faststart.mp4");

    public string WithAudio => _folder.Combine("audio.mp4");

    public string Path(string name) => _folder.Combine(name);

    public string this[string variant] => variant switch
    {
        "plain" => Plain,
        "faststart" => FastStart,
        "audio" => WithAudio,
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    public async ValueTask InitializeAsync()
    {
        string[] video = ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=24", "-t", "2"];
        string[] h264 = ["-c:v", "libx264", "-pix_fmt", "yuv420p"];
        await RunAsync("ffmpeg", ["-y", "-v", "error", .. video, .. h264, Plain], CancellationToken.None);
        await RunAsync("ffmpeg", ["-y", "-v", "error", .. video, .. h264, "-movflags", "+faststart", FastStart], CancellationToken.None);
        await RunAsync("ffmpeg", ["-y", "-v", "error", .. video, "-f", "lavfi", "-i", "sine=frequency=440:duration=2", .. h264, "-c:a", "aac", "-shortest", WithAudio], CancellationToken.None);
    }

    /// <summary>ffmpeg's per-frame MD5s of every stream: equal output means every frame decodes identically.</summary>
    public static Task<string> FrameMd5Async(string file, CancellationToken cancellationToken) =>
        RunAsync("ffmpeg", ["-v", "error", "-i", file, "-map", "0", "-f", "framemd5", "-"], cancellationToken);

    public static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}");
            }

            return await output;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
