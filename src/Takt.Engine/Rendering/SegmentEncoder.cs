using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Takt.Media.Compositing;
using Takt.Media.Encoding;

namespace Takt.Engine.Rendering;

/// <summary>
/// Renders a cut in segments of about two seconds, each encoded to its own file in the render
/// cache named by the hash of its frames' keys and the encoder settings. A segment already there
/// is reused as it is: an unchanged stretch is never composited or encoded again, and a render
/// that was interrupted resumes at the first segment it had not finished (segments are renamed
/// into place only when complete).
/// </summary>
internal sealed class SegmentEncoder(string cacheFolder, EncoderOptions options, FrameLibrary library, double pictureScale)
{
    public int Reused { get; private set; }

    public int Encoded { get; private set; }

    public static int SegmentLength(EncoderOptions options) =>
        Math.Max(1, (int)Math.Round(2.0 * options.RateNumerator / options.RateDenominator));

    public async Task<IReadOnlyList<string>> EncodeAsync(IReadOnlyList<FrameSpec> frames, Action<long> framesDone, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        var length = SegmentLength(options);
        for (var start = 0; start < frames.Count; start += length)
        {
            var segment = frames.Skip(start).Take(length).ToList();
            var path = Path.Combine(cacheFolder, Key(segment) + (options.Codec == VideoCodec.ProRes ? ".mov" : ".mp4"));
            if (File.Exists(path))
            {
                Reused++;
            }
            else
            {
                await CompositeAsync(segment, path, cancellationToken);
                Encoded++;
            }

            framesDone(segment.Count);
            paths.Add(path);
        }

        return paths;
    }

    private async Task CompositeAsync(List<FrameSpec> frames, string path, CancellationToken cancellationToken)
    {
        var compositor = new FrameCompositor(options.Width, options.Height);
        byte[][] buffers = [new byte[compositor.Rgb24Length], new byte[compositor.Rgb24Length]];
        await using var encoder = VideoEncoder.Start(path, options);
        var writing = Task.CompletedTask;
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            var placements = new List<LayerPlacement>(frame.Layers.Count);
            foreach (var (picture, layer) in frame.Layers)
            {
                var image = await library.GetAsync(picture.Blob, pictureScale, cancellationToken);
                placements.Add(new LayerPlacement(image, layer.X, layer.Y, layer.Scale, layer.Rotation, layer.Opacity, CutFrames.Blend(layer.Blend), layer.Depth));
            }

            // The next frame is composited while ffmpeg still takes the previous one.
            var buffer = buffers[i % 2];
            var camera = new CameraPose(frame.Camera.X, frame.Camera.Y, frame.Camera.Zoom, frame.Camera.Rotation);
            compositor.Compose(placements, camera, (0, 0, 0), buffer);
            await writing;
            writing = encoder.WriteFrameAsync(buffer, cancellationToken);
        }

        await writing;
        await encoder.CompleteAsync(cancellationToken);
    }

    private string Key(List<FrameSpec> frames)
    {
        var text = new StringBuilder("takt.segment/1\n");
        text.Append(CultureInfo.InvariantCulture, $"{options.Width}x{options.Height} {options.RateNumerator}/{options.RateDenominator} {options.Codec} {options.Preset} {options.Quality}\n");
        foreach (var frame in frames)
        {
            text.Append(frame.Key).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
