using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using NetVips;
using Takt.Archive.Media;

namespace Takt.Archive.Datasets.Video;

/// <summary>
/// Encodes derived frames into an H.264 MP4 with Debian's ffmpeg, deterministically: the same frames
/// at the same fps give the same bytes on every run and every machine with the same ffmpeg build.
/// The format is the one every video trainer's reader (decord, PyAV, imageio) takes without
/// surprises: H.264 High, yuv420p, limited range, BT.601 matrix tagged as such.
/// </summary>
public sealed class ClipEncoder(string ffmpeg = "ffmpeg")
{
    /// <summary>Bump when the arguments below change the output; it is part of every clip's derivation key.</summary>
    public const string Settings = "x264-crf10-medium-high-yuv420p-bt601-tv-threads1-bitexact/1";

    private const string Install = "encoding clips needs ffmpeg: install ffmpeg (Debian package ffmpeg), e.g. 'apt-get install ffmpeg'";

    private IReadOnlyDictionary<string, string>? versions;

    /// <summary>ffmpeg's version line and the encoder settings, for derivation keys; asked once per encoder.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ToolVersionsAsync(CancellationToken cancellationToken = default)
    {
        if (versions is { } known)
        {
            return known;
        }

        var (exitCode, stdout, stderr) = await RunAsync(["-hide_banner", "-version"], stdin: null, cancellationToken);
        if (exitCode != 0)
        {
            throw new ClipEncodingException($"'{ffmpeg} -version' failed: {Tail(stderr)}");
        }

        // "ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 …": the build's version, without the copyright tail.
        var line = stdout.Split('\n', 2)[0].Trim();
        var copyright = line.IndexOf(" Copyright", StringComparison.Ordinal);
        line = copyright > 0 ? line[..copyright] : line;
        // Racing callers compute the same value; the last write wins harmlessly.
        versions = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["ffmpeg"] = line, ["takt-clip"] = Settings };
        return versions;
    }

    /// <summary>
    /// Encodes <paramref name="framePngs"/> (same size, 8-bit RGB, even width and height) at
    /// <paramref name="fps"/> into <paramref name="outputMp4"/>, which appears only when complete.
    /// </summary>
    public async Task EncodeAsync(IReadOnlyList<string> framePngs, int fps, string outputMp4, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fps, 1);
        if (framePngs.Count == 0)
        {
            throw new ClipEncodingException("a clip needs at least one frame");
        }

        VipsRuntime.EnsureConfigured();
        var (width, height) = FrameSize(framePngs[0]);
        if (width % 2 != 0 || height % 2 != 0)
        {
            throw new ClipEncodingException($"frames are {width}x{height}; yuv420p needs an even width and height");
        }

        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputMp4))!, $".{Path.GetFileName(outputMp4)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var (exitCode, _, stderr) = await RunAsync(Arguments(width, height, fps, temp), stdin: s => WriteFramesAsync(s, framePngs, width, height, cancellationToken), cancellationToken);
            if (exitCode != 0)
            {
                throw new ClipEncodingException($"ffmpeg failed (exit {exitCode}) encoding {Path.GetFileName(outputMp4)}: {Tail(stderr)}");
            }

            File.Move(temp, outputMp4, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static List<string> Arguments(int width, int height, int fps, string output)
    {
        var size = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
        var rate = fps.ToString(CultureInfo.InvariantCulture);
        return
        [
            "-hide_banner", "-nostats", "-loglevel", "error", "-y",
            // Raw frames on stdin: the size and pixel format are stated, never guessed from a file.
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", size, "-framerate", rate, "-i", "pipe:0",
            "-map", "0:v", "-map_metadata", "-1", "-map_chapters", "-1",
            // swscale's bitexact flag keeps the RGB→YUV conversion off CPU-specific SIMD paths.
            "-sws_flags", "bicubic+accurate_rnd+full_chroma_int+bitexact",
            "-vf", "scale=out_color_matrix=bt601:out_range=tv,format=yuv420p",
            "-filter_threads", "1",
            // One thread: x264's output depends on its thread count, which would follow the machine.
            "-c:v", "libx264", "-preset", "medium", "-crf", "10", "-profile:v", "high", "-threads", "1",
            "-colorspace", "smpte170m", "-color_primaries", "bt709", "-color_trc", "iec61966-2-1", "-color_range", "tv",
            // No encoder or library version strings and no wall-clock times in the container.
            "-flags:v", "+bitexact", "-fflags", "+bitexact", "-movflags", "+faststart",
            "-f", "mp4", output,
        ];
    }

    private static (int Width, int Height) FrameSize(string png)
    {
        try
        {
            using var image = Image.NewFromFile(png, access: Enums.Access.Sequential);
            return (image.Width, image.Height);
        }
        catch (VipsException e)
        {
            throw new ClipEncodingException($"frame {Path.GetFileName(png)} is not a readable image", e);
        }
    }

    private static async Task WriteFramesAsync(Stream stdin, IReadOnlyList<string> framePngs, int width, int height, CancellationToken cancellationToken)
    {
        foreach (var png in framePngs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte[] rgb;
            try
            {
                using var frame = Image.NewFromFile(png, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
                if (frame.Width != width || frame.Height != height || frame.Bands != 3 || frame.Format != Enums.BandFormat.Uchar)
                {
                    throw new ClipEncodingException(
                        $"frame {Path.GetFileName(png)} is {frame.Width}x{frame.Height} with {frame.Bands} {frame.Format} bands; every frame must be {width}x{height} 8-bit RGB");
                }

                rgb = frame.WriteToMemory<byte>();
            }
            catch (VipsException e)
            {
                throw new ClipEncodingException($"frame {Path.GetFileName(png)} is not a readable image", e);
            }

            await stdin.WriteAsync(rgb, cancellationToken);
        }
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        IEnumerable<string> arguments, Func<Stream, Task>? stdin, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ClipEncodingException($"{ffmpeg} did not start");
        }
        catch (Win32Exception e)
        {
            throw new ClipEncodingException(Install, e);
        }

        using (process)
        using (cancellationToken.Register(() => Kill(process)))
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            Exception? writeFailure = null;
            try
            {
                if (stdin is not null)
                {
                    await stdin(process.StandardInput.BaseStream);
                }
            }
            catch (IOException e)
            {
                // ffmpeg stopped reading (it failed, or was killed); its exit code and stderr say why.
                writeFailure = e;
            }
            catch (ClipEncodingException)
            {
                Kill(process);
                throw;
            }
            finally
            {
                try
                {
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // Closing a pipe whose reader has gone: nothing left to tell it.
                }
            }

            await process.WaitForExitAsync(cancellationToken);
            if (writeFailure is not null && process.ExitCode == 0)
            {
                throw new ClipEncodingException("ffmpeg exited before reading every frame", writeFailure);
            }

            return (process.ExitCode, await stdout, await stderr);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static string Tail(string stderr)
    {
        var text = stderr.Trim();
        return text.Length > 2000 ? "…" + text[^2000..] : text;
    }
}
