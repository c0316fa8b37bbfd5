using System.Diagnostics;

namespace Takt.TestKit.HostedVideo;

/// <summary>Real media made with ffmpeg for the fakes to serve and the tests to upload.</summary>
public static class TestMedia
{
    /// <summary>A one-second 64×64 H.264 MP4 (ffmpeg's test pattern), a few kilobytes.</summary>
    public static Task<byte[]> Mp4Async(CancellationToken cancellationToken) =>
        FfmpegAsync(["-f", "lavfi", "-i", "testsrc=size=64x64:rate=8", "-t", "1", "-pix_fmt", "yuv420p", "-f", "mp4"], "mp4", cancellationToken);

    /// <summary>A 320×320 PNG (Kling wants at least 300 px on a side).</summary>
    public static Task<byte[]> PngAsync(string pattern, CancellationToken cancellationToken) =>
        FfmpegAsync(["-f", "lavfi", "-i", $"{pattern}=size=320x320", "-frames:v", "1", "-f", "image2", "-c:v", "png"], "png", cancellationToken);

    private static async Task<byte[]> FfmpegAsync(string[] arguments, string extension, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"takt-media-{Guid.NewGuid():N}.{extension}");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-hide_banner", "-loglevel", "error", "-y", .. arguments, path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        try
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {await errors}");
            }

            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            File.Delete(path);
        }
    }
}
