using System.Globalization;
using NetVips;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.BuiltIn;

public sealed partial class BuiltInBackend
{
    private const string Png = "image/png";

    private static async Task<IReadOnlyDictionary<string, PortValue>> ResizeAsync(NodeRun node, CancellationToken cancellationToken)
    {
        var width = node.Parameters.Whole("width");
        var height = node.Parameters.Whole("height");
        var fit = node.Parameters.Choice("fit");
        using var source = await DecodeAsync(node, "image", cancellationToken);
        using var rgba = BuiltInImages.ToRgba(source);
        var png = fit switch
        {
            "exact" => Encode(BuiltInImages.Resize(rgba, width, height)),
            "contain" => Encode(Contain(rgba, width, height)),
            _ => Encode(Cover(rgba, width, height)),
        };
        return NodeRun.Outputs("image", await StorePngAsync(node, png, cancellationToken));
    }

    private static async Task<IReadOnlyDictionary<string, PortValue>> CropAsync(NodeRun node, CancellationToken cancellationToken)
    {
        var (x, y) = (node.Parameters.Whole("x"), node.Parameters.Whole("y"));
        var (width, height) = (node.Parameters.Whole("width"), node.Parameters.Whole("height"));
        using var source = await DecodeAsync(node, "image", cancellationToken);
        if ((long)x + width > source.Width || (long)y + height > source.Height)
        {
            throw node.Fail(string.Create(CultureInfo.InvariantCulture,
                $"the crop {width}x{height} at ({x}, {y}) reaches ({x + (long)width}, {y + (long)height}), outside the {source.Width}x{source.Height} image"));
        }

        using var rgba = BuiltInImages.ToRgba(source);
        var png = Encode(rgba.ExtractArea(x, y, width, height));
        return NodeRun.Outputs("image", await StorePngAsync(node, png, cancellationToken));
    }

    private static async Task<IReadOnlyDictionary<string, PortValue>> CompositeAsync(NodeRun node, CancellationToken cancellationToken)
    {
        var (x, y) = (node.Parameters.Whole("x"), node.Parameters.Whole("y"));
        var opacity = node.Parameters.Number("opacity");
        _ = node.Parameters.Choice("blend");
        using var under = await DecodeAsync(node, "base", cancellationToken);
        using var over = await DecodeAsync(node, "overlay", cancellationToken);
        using var baseRgba = BuiltInImages.ToRgba(under);
        using var overlayRgba = BuiltInImages.ToRgba(over);
        var png = Encode(BuiltInImages.Composite(baseRgba, overlayRgba, x, y, opacity));
        return NodeRun.Outputs("image", await StorePngAsync(node, png, cancellationToken));
    }

    /// <summary>Scaled to fill the box, the overflow cut evenly from both sides (the odd pixel from the end).</summary>
    private static Image Cover(Image rgba, int width, int height)
    {
        var scale = Math.Max((double)width / rgba.Width, (double)height / rgba.Height);
        var scaledWidth = Math.Max(width, (int)Math.Round(rgba.Width * scale, MidpointRounding.AwayFromZero));
        var scaledHeight = Math.Max(height, (int)Math.Round(rgba.Height * scale, MidpointRounding.AwayFromZero));
        using var scaled = BuiltInImages.Resize(rgba, scaledWidth, scaledHeight);
        return scaled.ExtractArea((scaledWidth - width) / 2, (scaledHeight - height) / 2, width, height);
    }

    /// <summary>Scaled to fit inside the box with its aspect kept; the result is the scaled size, not padded.</summary>
    private static Image Contain(Image rgba, int width, int height)
    {
        var scale = Math.Min((double)width / rgba.Width, (double)height / rgba.Height);
        var scaledWidth = Math.Clamp((int)Math.Round(rgba.Width * scale, MidpointRounding.AwayFromZero), 1, width);
        var scaledHeight = Math.Clamp((int)Math.Round(rgba.Height * scale, MidpointRounding.AwayFromZero), 1, height);
        return BuiltInImages.Resize(rgba, scaledWidth, scaledHeight);
    }

    private static async Task<Image> DecodeAsync(NodeRun node, string port, CancellationToken cancellationToken)
    {
        var input = node.Input(port, PortType.Image);
        var bytes = await node.ReadAsync(input, cancellationToken);
        try
        {
            return BuiltInImages.Decode(bytes, port);
        }
        catch (ImageInputException e)
        {
            throw node.Fail(e.Message, e);
        }
    }

    private static byte[] Encode(Image image)
    {
        using (image)
        {
            return BuiltInImages.EncodePng(image);
        }
    }

    private static async Task<PortValue> StorePngAsync(NodeRun node, byte[] png, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(png, writable: false);
        return await node.Context.StoreAsync(PortType.Image, Png, content, cancellationToken);
    }
}
