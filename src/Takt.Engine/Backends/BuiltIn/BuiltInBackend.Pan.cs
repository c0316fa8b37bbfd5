using System.Globalization;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.BuiltIn;

public sealed partial class BuiltInBackend
{
    private static async Task<IReadOnlyDictionary<string, PortValue>> PanAsync(NodeRun node, CancellationToken cancellationToken)
    {
        var (width, height) = (node.Parameters.Whole("width"), node.Parameters.Whole("height"));
        var count = node.Parameters.Whole("frames");
        var fps = node.Parameters.Whole("fps");
        var (fromX, fromY) = (node.Parameters.Whole("from-x"), node.Parameters.Whole("from-y"));
        var (toX, toY) = (node.Parameters.Whole("to-x"), node.Parameters.Whole("to-y"));
        var gentle = node.Parameters.Choice("ease") == "ease-in-out";
        using var source = await DecodeAsync(node, "image", cancellationToken);
        foreach (var (name, x, y) in new[] { ("from", fromX, fromY), ("to", toX, toY) })
        {
            if ((long)x + width > source.Width || (long)y + height > source.Height)
            {
                throw node.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"the {width}x{height} window at its '{name}' position ({x}, {y}) reaches outside the {source.Width}x{source.Height} image"));
            }
        }

        using var rgba = BuiltInImages.ToRgba(source);
        var frames = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = count == 1 ? 0.0 : (double)i / (count - 1);
            var eased = gentle ? (1 - Math.Cos(Math.PI * t)) / 2 : t;
            // Whole pixels: no resampling blur, and the same parameters give the same bytes everywhere.
            var x = (int)Math.Round(fromX + ((toX - fromX) * eased), MidpointRounding.AwayFromZero);
            var y = (int)Math.Round(fromY + ((toY - fromY) * eased), MidpointRounding.AwayFromZero);
            var png = Encode(rgba.ExtractArea(x, y, width, height));
            using var content = new MemoryStream(png, writable: false);
            var stored = await node.Context.StoreAsync(PortType.Image, ImageSequence.FrameMediaType, content, cancellationToken);
            frames.Add(stored.BlobHash!);
            node.Context.Progress(i + 1, count);
        }

        return NodeRun.Outputs("frames", ImageSequence.Create(frames, fps).ToPortValue());
    }
}
