using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Takt.Archive.Media;

/// <summary>Video and compressed audio: asks Debian's ffprobe, run as a child process with an argument list.</summary>
public static class FfprobeProbe
{
    public static async Task<MediaFacts> ProbeAsync(string path, MediaFormat format, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-v", "error", "-print_format", "json", "-show_format", "-show_streams", "--", path })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new MediaProbeException("ffprobe did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MediaProbeException("reading audio/video needs ffprobe: install it with 'apt-get install ffmpeg' (or run ./test.sh once)", e);
        }

        using (process)
        using (cancellationToken.Register(() => process.Kill(entireProcessTree: true)))
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new MediaProbeException($"ffprobe cannot read it: {(await stderr).Trim()}");
            }

            using var json = JsonDocument.Parse(await stdout);
            return Read(json.RootElement, format);
        }
    }

    private static MediaFacts Read(JsonElement root, MediaFormat format)
    {
        double? duration = root.TryGetProperty("format", out var f) && f.TryGetProperty("duration", out var d)
            && double.TryParse(d.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        int? width = null, height = null, frames = null, channels = null;
        if (root.TryGetProperty("streams", out var streams))
        {
            foreach (var s in streams.EnumerateArray())
            {
                var type = s.TryGetProperty("codec_type", out var t) ? t.GetString() : null;
                if (type == "video" && width is null)
                {
                    width = s.TryGetProperty("width", out var w) ? w.GetInt32() : null;
                    height = s.TryGetProperty("height", out var h) ? h.GetInt32() : null;
                    frames = s.TryGetProperty("nb_frames", out var n) && int.TryParse(n.GetString(), CultureInfo.InvariantCulture, out var nf) ? nf : null;
                }
                else if (type == "audio" && channels is null)
                {
                    channels = s.TryGetProperty("channels", out var c) ? c.GetInt32() : null;
                }
            }
        }

        return new MediaFacts { Format = format, Width = width, Height = height, FrameCount = frames, Channels = channels, DurationSeconds = duration };
    }
}
