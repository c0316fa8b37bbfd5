using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Takt.Domain.Timeline.Rendering;
using Takt.Media.Compositing;

namespace Takt.Engine.Rendering;

/// <summary>One output frame, settled: each layer's picture and placement, the camera, and the key naming exactly that.</summary>
internal sealed record FrameSpec(IReadOnlyList<(SourceFrame Picture, LayerFrame Layer)> Layers, CameraFrame Camera, string Key);

/// <summary>
/// A cut's frames worked out before any pixel is touched: which picture every layer shows and
/// where, and a content key per frame (the pictures' hashes and every placement number), so a
/// segment whose frames' keys are unchanged is never composited or encoded again.
/// </summary>
internal static class CutFrames
{
    public static IReadOnlyList<FrameSpec> Settle(CutPlan plan, IReadOnlyDictionary<PlannedClip, ClipFrames> pictures, int width, int height, double scale)
    {
        var frames = new FrameSpec[plan.Frames];
        for (long frame = 0; frame < plan.Frames; frame++)
        {
            var layers = new List<(SourceFrame, LayerFrame)>();
            foreach (var clip in plan.Layers)
            {
                if (!clip.Covers(frame))
                {
                    continue;
                }

                var layer = clip.At(frame);
                if (layer.Opacity <= 0 || layer.Scale == 0)
                {
                    continue;
                }

                layers.Add((pictures[clip].At(layer.SourceFrame, frame), layer with { X = layer.X * scale, Y = layer.Y * scale }));
            }

            var camera = plan.Camera.At(frame);
            camera = camera with { X = camera.X * scale, Y = camera.Y * scale };
            frames[frame] = new FrameSpec(layers, camera, Key(layers, camera, width, height));
        }

        return frames;
    }

    public static BlendMode Blend(string name) => name switch
    {
        "add" => BlendMode.Add,
        "multiply" => BlendMode.Multiply,
        "screen" => BlendMode.Screen,
        _ => BlendMode.Normal,
    };

    private static string Key(List<(SourceFrame Picture, LayerFrame Layer)> layers, CameraFrame camera, int width, int height)
    {
        var text = new StringBuilder("takt.frame/1\n");
        text.Append(CultureInfo.InvariantCulture, $"{width}x{height} {camera.X:R} {camera.Y:R} {camera.Zoom:R} {camera.Rotation:R}\n");
        foreach (var (picture, layer) in layers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{picture.Blob} {layer.X:R} {layer.Y:R} {layer.Scale:R} {layer.Rotation:R} {layer.Opacity:R} {layer.Depth:R} {layer.Blend}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
