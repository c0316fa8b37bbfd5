using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Takt.Media.Encoding;

/// <summary>
/// An ffmpeg child process fed raw RGB24 frames over its stdin pipe (no frame files on disk),
/// writing beside the target under a hidden name and renamed into place only when ffmpeg
/// succeeded, so a crash or a cancel never leaves half a video under the asked name. Killed on
/// cancellation or disposal; its stderr is kept (the tail) so a failure says what ffmpeg said.
/// </summary>
public sealed class VideoEncoder : IAsyncDisposable
{
    private const int StderrTail = 8192;

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Task _stderr;
    private readonly StringBuilder _errors = new();
    private readonly string _temporary;
    private readonly string _target;
    private readonly int _frameBytes;
    private long _frames;
    private bool _completed;

    private VideoEncoder(Process process, string temporary, string target, int frameBytes)
    {
        _process = process;
        _stdin = process.StandardInput.BaseStream;
        _temporary = temporary;
        _target = target;
        _frameBytes = frameBytes;
        _stderr = DrainAsync(process.StandardError);
    }

    public static VideoEncoder Start(string outputPath, EncoderOptions options)
    {
        if (options.Problem() is { } problem)
        {
            throw new EncoderException(problem);
        }

        var target = Path.GetFullPath(outputPath);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(target)}.{Guid.CreateVersion7():N}{(options.Codec == VideoCodec.ProRes ? ".mov" : ".mp4")}");
        var start = new ProcessStartInfo(options.Ffmpeg)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(options, temporary))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var process = Process.Start(start) ?? throw new EncoderException($"{options.Ffmpeg} did not start");
            return new VideoEncoder(process, temporary, target, options.Width * options.Height * 3);
        }
        catch (Win32Exception e)
        {
            throw new EncoderException($"{options.Ffmpeg} could not be started ({e.Message}); install ffmpeg (Debian: apt-get install ffmpeg)", e);
        }
    }

    public long Frames => _frames;

    public async Task WriteFrameAsync(ReadOnlyMemory<byte> rgb24, CancellationToken cancellationToken)
    {
        if (rgb24.Length != _frameBytes)
        {
            throw new ArgumentException($"a frame is {_frameBytes} bytes of RGB24, not {rgb24.Length}", nameof(rgb24));
        }

        try
        {
            await _stdin.WriteAsync(rgb24, cancellationToken);
        }
        catch (IOException e)
        {
            // A broken pipe: ffmpeg has exited. Its words say why.
            throw new EncoderException($"ffmpeg stopped taking frames after {_frames}: {await FailureAsync()}", e);
        }

        _frames++;
    }

    /// <summary>Ends the input, waits for ffmpeg, and moves the video into place.</summary>
    public async Task<EncodedVideo> CompleteAsync(CancellationToken cancellationToken)
    {
        await _stdin.FlushAsync(cancellationToken);
        _stdin.Close();
        await _process.WaitForExitAsync(cancellationToken);
        await _stderr;
        if (_process.ExitCode != 0 || !File.Exists(_temporary))
        {
            throw new EncoderException($"ffmpeg failed (exit {_process.ExitCode}): {Tail()}");
        }

        if (_frames == 0)
        {
            throw new EncoderException("no frames were encoded");
        }

        File.Move(_temporary, _target, overwrite: true);
        _completed = true;
        return new EncodedVideo(_target, _frames, new FileInfo(_target).Length);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        await _stderr;
        _process.Dispose();
        if (!_completed)
        {
            File.Delete(_temporary);
        }
    }

    private static List<string> Arguments(EncoderOptions options, string output)
    {
        var rate = string.Create(CultureInfo.InvariantCulture, $"{options.RateNumerator}/{options.RateDenominator}");
        var arguments = new List<string>
        {
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", string.Create(CultureInfo.InvariantCulture, $"{options.Width}x{options.Height}"), "-framerate", rate, "-i", "pipe:0",
        };
        var audio = options.Audio ?? [];
        foreach (var file in audio)
        {
            arguments.AddRange(["-i", file]);
        }

        arguments.AddRange(["-map", "0:v"]);
        if (audio.Count == 1)
        {
            arguments.AddRange(["-map", "1:a"]);
        }
        else if (audio.Count > 1)
        {
            // Several tracks (dialogue, music, effects) mixed into one at their own levels.
            var inputs = string.Concat(Enumerable.Range(1, audio.Count).Select(i => $"[{i}:a]"));
            arguments.AddRange(["-filter_complex", $"{inputs}amix=inputs={audio.Count}:normalize=0[mix]", "-map", "[mix]"]);
        }

        arguments.AddRange(options.CodecArguments());
        if (audio.Count > 0)
        {
            arguments.AddRange(options.Codec == VideoCodec.ProRes ? ["-c:a", "pcm_s16le"] : ["-c:a", "aac", "-b:a", "192k"]);
            arguments.Add("-shortest");
        }

        arguments.AddRange(["-r", rate, output]);
        return arguments;
    }

    private async Task<string> FailureAsync()
    {
        await _process.WaitForExitAsync(CancellationToken.None);
        await _stderr;
        return Tail();
    }

    private string Tail()
    {
        lock (_errors)
        {
            // SVT-AV1 prints its banner at every log level; only the other lines say what went wrong.
            var text = string.Join('\n', _errors.ToString().Split('\n').Where(l => !l.StartsWith("Svt[info]", StringComparison.Ordinal))).Trim();
            return text.Length == 0 ? "(no message)" : text;
        }
    }

    private async Task DrainAsync(StreamReader stderr)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await stderr.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            lock (_errors)
            {
                _errors.Append(buffer, 0, read);
                if (_errors.Length > StderrTail)
                {
                    _errors.Remove(0, _errors.Length - StderrTail);
                }
            }
        }
    }
}
