using System.Globalization;
using System.Text.Json;
using NetVips;
using Takt.Archive.Datasets.Video;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.BuiltIn;

public sealed partial class BuiltInBackend
{
    /// <summary>A guard against a long video filling the blob store with frames by accident.</summary>
    public const int MaxFrames = 20_000;

    private const string Mp4 = "video/mp4";

    private async Task<IReadOnlyDictionary<string, PortValue>> FramesToVideoAsync(NodeRun node, CancellationToken cancellationToken)
    {
        var input = node.Input("frames", PortType.ImageSequence);
        if (!ImageSequence.TryRead(input, out var sequence, out var problem))
        {
            throw node.Fail($"input 'frames': {problem}");
        }

        var fps = node.Parameters.Whole("fps");
        if (fps == 0)
        {
            fps = sequence!.Fps == Math.Floor(sequence.Fps) && sequence.Fps <= 240
                ? (int)sequence.Fps
                : throw node.Fail(string.Create(CultureInfo.InvariantCulture, $"the sequence plays at {sequence.Fps} fps, which is not whole; set the fps parameter"));
        }

        if (sequence!.Frames.Count == 0)
        {
            throw node.Fail("the sequence has no frames");
        }

        var folder = Directory.CreateTempSubdirectory("takt-frames-to-video").FullName;
        try
        {
            var files = new List<string>(sequence.Frames.Count);
            for (var i = 0; i < sequence.Frames.Count; i++)
            {
                var bytes = await node.ReadAsync(sequence.Frame(i), cancellationToken);
                using var decoded = DecodeFrame(node, bytes, i);
                using var frame = BuiltInImages.ToVideoFrame(decoded);
                var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"frame_{i:D6}.png"));
                await File.WriteAllBytesAsync(file, BuiltInImages.EncodePng(frame), cancellationToken);
                files.Add(file);
                node.Context.Progress(i + 1, sequence.Frames.Count + 1);
            }

            // The archive's clip encoder: x264 on one thread with bit-exact flags, so the same frames give the same MP4.
            var output = Path.Combine(folder, "video.mp4");
            try
            {
                await new ClipEncoder(_ffmpeg).EncodeAsync(files, fps, output, cancellationToken);
            }
            catch (ClipEncodingException e)
            {
                throw node.Fail(e.Message, e);
            }

            node.Context.Progress(sequence.Frames.Count + 1, sequence.Frames.Count + 1);
            await using var video = File.OpenRead(output);
            return NodeRun.Outputs("video", await node.Context.StoreAsync(PortType.Video, Mp4, video, cancellationToken));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<IReadOnlyDictionary<string, PortValue>> VideoToFramesAsync(NodeRun node, CancellationToken cancellationToken)
    {
        var input = node.Input("video", PortType.Video);
        var fpsParameter = node.Parameters.Number("fps");
        var folder = Directory.CreateTempSubdirectory("takt-video-to-frames").FullName;
        try
        {
            var file = Path.Combine(folder, "input");
            await using (var source = await node.Context.OpenAsync(input, cancellationToken))
            await using (var target = File.Create(file))
            {
                await source.CopyToAsync(target, cancellationToken);
            }

            var (width, height, rate, expected) = await ProbeAsync(node, file, cancellationToken);
            var fps = fpsParameter > 0 ? fpsParameter
                : rate ?? throw node.Fail("the video states no frame rate; set the fps parameter");
            List<string> arguments =
            [
                "-hide_banner", "-nostats", "-loglevel", "error", "-nostdin",
                // Frames as stored: ffprobe's size is the size, whatever a rotation tag says.
                "-noautorotate", "-i", file, "-map", "0:v:0",
                "-sws_flags", "bicubic+accurate_rnd+full_chroma_int+bitexact", "-threads", "1", "-filter_threads", "1",
            ];
            if (fpsParameter > 0)
            {
                arguments.AddRange(["-vf", string.Create(CultureInfo.InvariantCulture, $"fps={fpsParameter:R}")]);
            }

            arguments.AddRange(["-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
            var frames = new List<string>();
            var (exitCode, stderr) = await ToolProcessAsync(node, _ffmpeg, arguments, async (stdout, ct) =>
            {
                var buffer = new byte[checked(width * height * 3)];
                while (true)
                {
                    var read = await stdout.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
                    if (read == 0)
                    {
                        return;
                    }

                    if (read < buffer.Length)
                    {
                        throw node.Fail($"ffmpeg gave a partial frame ({read} of {buffer.Length} bytes) after {frames.Count} frames");
                    }

                    if (frames.Count == MaxFrames)
                    {
                        throw node.Fail($"the video has more than {MaxFrames} frames; lower the fps parameter or cut it first");
                    }

                    using var image = Image.NewFromMemory(buffer, width, height, 3, Enums.BandFormat.Uchar);
                    using var tagged = image.Copy(interpretation: Enums.Interpretation.Srgb);
                    using var png = new MemoryStream(BuiltInImages.EncodePng(tagged), writable: false);
                    var stored = await node.Context.StoreAsync(PortType.Image, ImageSequence.FrameMediaType, png, ct);
                    frames.Add(stored.BlobHash ?? stored.ContentHash);
                    node.Context.Progress(frames.Count, Math.Max(frames.Count, expected ?? frames.Count));
                }
            }, cancellationToken);
            if (exitCode != 0)
            {
                throw node.Fail($"ffmpeg could not decode the video (exit {exitCode}): {stderr}");
            }

            if (frames.Count == 0)
            {
                throw node.Fail("the video decoded to no frames");
            }

            return NodeRun.Outputs("frames", ImageSequence.Create(frames, fps).ToPortValue());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<(int Width, int Height, double? Rate, int? Frames)> ProbeAsync(NodeRun node, string file, CancellationToken cancellationToken)
    {
        string json = "";
        var (exitCode, stderr) = await ToolProcessAsync(node, _ffprobe,
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,avg_frame_rate,r_frame_rate,nb_frames", "-of", "json", "--", file],
            async (stdout, ct) =>
            {
                using var reader = new StreamReader(stdout);
                json = await reader.ReadToEndAsync(ct);
            }, cancellationToken);
        if (exitCode != 0)
        {
            throw node.Fail($"input 'video' is not a readable video: {stderr}");
        }

        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
        {
            throw node.Fail("input 'video' has no video stream");
        }

        var stream = streams[0];
        var width = stream.TryGetProperty("width", out var w) ? w.GetInt32() : 0;
        var height = stream.TryGetProperty("height", out var h) ? h.GetInt32() : 0;
        if (width <= 0 || height <= 0 || (long)width * height > 16384L * 16384L)
        {
            throw node.Fail($"input 'video' has a video stream of {width}x{height}, which cannot be decoded into frames");
        }

        var rate = Rate(stream, "avg_frame_rate") ?? Rate(stream, "r_frame_rate");
        int? frames = stream.TryGetProperty("nb_frames", out var n) && int.TryParse(n.GetString(), CultureInfo.InvariantCulture, out var count) ? count : null;
        return (width, height, rate, frames);
    }

    /// <summary>"30000/1001" → 29.97…; "0/0" (unknown) → null.</summary>
    private static double? Rate(JsonElement stream, string property)
    {
        if (!stream.TryGetProperty(property, out var value) || value.GetString() is not { } text)
        {
            return null;
        }

        var parts = text.Split('/');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var numerator)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var denominator)
            && denominator > 0 && numerator > 0
            ? numerator / denominator
            : null;
    }

    private static async Task<(int ExitCode, string Stderr)> ToolProcessAsync(
        NodeRun node, string tool, IEnumerable<string> arguments, Func<Stream, CancellationToken, Task> readStdout, CancellationToken cancellationToken)
    {
        try
        {
            return await ToolProcess.RunAsync(tool, arguments, readStdout, cancellationToken);
        }
        catch (ToolMissingException e)
        {
            throw node.Fail(e.Message, e);
        }
    }

    private static Image DecodeFrame(NodeRun node, byte[] bytes, int index)
    {
        try
        {
            return BuiltInImages.Decode(bytes, $"frames[{index}]");
        }
        catch (ImageInputException e)
        {
            throw node.Fail(e.Message, e);
        }
    }
}
