using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Takt.Engine.Rendering;

/// <summary>A sound clip placed on the render's timeline: the file, where it starts, and the stretch of it heard.</summary>
internal sealed record PlacedSound(string Path, double StartSeconds, double InSeconds, double Seconds);

/// <summary>
/// Joins the encoded segments into one file without re-encoding (ffmpeg's concat demuxer, stream
/// copy) and mixes the sound clips in (each trimmed and delayed to its place, summed, AAC), cut to
/// the picture's length.
/// </summary>
internal static class RenderMuxer
{
    public static async Task MuxAsync(IReadOnlyList<string> segments, IReadOnlyList<PlacedSound> sounds, double seconds, string output, string ffmpeg, CancellationToken cancellationToken)
    {
        var list = output + ".segments.txt";
        await File.WriteAllLinesAsync(list, segments.Select(s => $"file '{s.Replace("'", "'\\''", StringComparison.Ordinal)}'"), cancellationToken);
        try
        {
            var arguments = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f", "concat", "-safe", "0", "-i", list };
            foreach (var sound in sounds)
            {
                arguments.AddRange(["-i", sound.Path]);
            }

            arguments.AddRange(["-map", "0:v", "-c:v", "copy"]);
            if (sounds.Count > 0)
            {
                var chains = sounds.Select((s, i) =>
                    $"[{i + 1}:a]atrim=start={S(s.InSeconds)}:duration={S(s.Seconds)},asetpts=PTS-STARTPTS,adelay={S(s.StartSeconds * 1000)}:all=1[a{i}]");
                var mix = sounds.Count == 1 ? "[a0]anull[mix]" : $"{string.Concat(sounds.Select((_, i) => $"[a{i}]"))}amix=inputs={sounds.Count}:normalize=0:duration=longest[mix]";
                arguments.AddRange(["-filter_complex", string.Join(';', chains.Append(mix)), "-map", "[mix]", "-c:a", "aac", "-b:a", "192k"]);
            }

            arguments.AddRange(["-t", S(seconds), "-movflags", "+faststart", "-f", Path.GetExtension(output).Equals(".mov", StringComparison.OrdinalIgnoreCase) ? "mov" : "mp4", output]);
            await RunAsync(ffmpeg, arguments, cancellationToken);
        }
        finally
        {
            File.Delete(list);
        }
    }

    private static async Task RunAsync(string ffmpeg, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ffmpeg) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new RenderException($"{ffmpeg} did not start");
        }
        catch (Win32Exception e)
        {
            throw new RenderException($"{ffmpeg} could not be started ({e.Message}); install ffmpeg (Debian: apt-get install ffmpeg)", e);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                var said = (await errors).Trim();
                throw new RenderException($"ffmpeg could not join the segments (exit {process.ExitCode}): {(said.Length > 2000 ? said[^2000..] : said)}");
            }
        }
    }

    private static string S(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
