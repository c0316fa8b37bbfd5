using System.Diagnostics;
using System.Globalization;
using Takt.Domain.Curves;
using Takt.Media.Compositing;
using Takt.Media.Encoding;
using Takt.Media.Frames;

namespace Takt.Benchmarks.Render;

/// <summary>
/// Takt's contestant in <c>bench/run render</c>: a compositing-only 1080p30 cut — five layers
/// (sky, far hills, town at depth, a character, a foreground branch with alpha), a keyframed
/// camera (pan, push-in, a little roll) — composited frame by frame and encoded by ffmpeg through
/// the pipe. <c>raw</c> writes the same frames to a file instead, for the floor: ffmpeg encoding
/// them from raw input with the same settings.
/// </summary>
public static class RenderBenchmark
{
    private const int Width = 1920;
    private const int Height = 1080;
    private const int Fps = 30;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args is not [var mode and ("encode" or "raw" or "composite"), var output, var framesText, var preset])
        {
            Console.Error.WriteLine("usage: render encode|raw|composite <output> <frames> <preset>");
            return 2;
        }

        var frames = int.Parse(framesText, CultureInfo.InvariantCulture);
        var layers = Layers();
        var camera = Camera(frames);
        var compositor = new FrameCompositor(Width, Height);
        var clock = Stopwatch.StartNew();
        if (mode == "composite")
        {
            // Compositing alone, nothing written: what the encoder's cores must share with it.
            var scratch = new byte[compositor.Rgb24Length];
            compositor.Compose(Place(layers, 0), camera(0), (20, 24, 40), scratch);
            clock.Restart();
            for (var i = 0; i < frames; i++)
            {
                compositor.Compose(Place(layers, i), camera(i), (20, 24, 40), scratch);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frames={frames} seconds={clock.Elapsed.TotalSeconds:F3} fps={frames / clock.Elapsed.TotalSeconds:F1}"));
            return 0;
        }

        if (mode == "raw")
        {
            await using var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            var frame = new byte[compositor.Rgb24Length];
            for (var i = 0; i < frames; i++)
            {
                compositor.Compose(Place(layers, i), camera(i), (20, 24, 40), frame);
                await file.WriteAsync(frame, cancellationToken);
            }

            return 0;
        }

        // Two buffers: one frame composited while ffmpeg reads the one before.
        var buffers = new[] { new byte[compositor.Rgb24Length], new byte[compositor.Rgb24Length] };
        await using var encoder = VideoEncoder.Start(output, new EncoderOptions(Width, Height, Fps, Preset: preset));
        Task writing = Task.CompletedTask;
        for (var i = 0; i < frames; i++)
        {
            var buffer = buffers[i % 2];
            compositor.Compose(Place(layers, i), camera(i), (20, 24, 40), buffer);
            await writing;
            writing = encoder.WriteFrameAsync(buffer, cancellationToken);
        }

        await writing;
        var done = await encoder.CompleteAsync(cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frames={done.Frames} seconds={clock.Elapsed.TotalSeconds:F3} bytes={done.Bytes}"));
        return 0;
    }

    private static Func<int, CameraPose> Camera(int frames)
    {
        Curve Keys(params (double Frame, double Value)[] keys)
        {
            Curve.TryCreate([.. keys.Select(k => new CurveKey(k.Frame, k.Value))], out var curve, out var problem);
            return curve ?? throw new InvalidOperationException(problem);
        }

        var last = frames - 1;
        var x = Keys((0, 960), (last * 0.6, 1260), (last, 1320));
        var y = Keys((0, 540), (last, 500));
        var zoom = Keys((0, 1.0), (last * 0.3, 1.0), (last, 1.25));
        var roll = Keys((0, 0), (last, 2));
        return i => new CameraPose(x.Sample(i), y.Sample(i), zoom.Sample(i), roll.Sample(i));
    }

    private static List<LayerPlacement> Place(IReadOnlyList<(RgbaImage Image, double X, double Y, double Depth)> layers, int frame) =>
        [.. layers.Select((l, n) => new LayerPlacement(l.Image, n == 3 ? l.X + (frame * 1.5) : l.X, l.Y, Depth: l.Depth))];

    private static List<(RgbaImage Image, double X, double Y, double Depth)> Layers() =>
    [
        (Painted(2600, 1500, 0, opaque: true), 1300, 560, 0.3),
        (Painted(2600, 900, 1, opaque: false), 1300, 760, 0.6),
        (Painted(2600, 700, 2, opaque: false), 1300, 850, 1.0),
        (Painted(600, 900, 3, opaque: false), 700, 640, 1.0),
        (Painted(2800, 500, 4, opaque: false), 1400, 950, 1.4),
    ];

    /// <summary>A deterministic painted-looking layer: smooth colour fields, and for upper layers an alpha silhouette with soft edges.</summary>
    private static RgbaImage Painted(int width, int height, int seed, bool opaque)
    {
        var straight = new byte[width * height * 4];
        Parallel.For(0, height, y =>
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                var wave = Math.Sin((x * 0.004) + seed) * 0.5 + 0.5;
                straight[i] = (byte)(40 + (seed * 40) + (wave * 80));
                straight[i + 1] = (byte)(60 + ((double)y / height * 120));
                straight[i + 2] = (byte)(90 + (((x + y + (seed * 97)) & 63) * 2));
                var edge = (height * (0.35 + (0.25 * Math.Sin((x * 0.01) + (seed * 1.7))))) - y;
                straight[i + 3] = opaque ? (byte)255 : (byte)Math.Clamp(128 - (edge * 8), 0, 255);
            }
        });
        return RgbaImage.FromStraight(width, height, straight);
    }
}
