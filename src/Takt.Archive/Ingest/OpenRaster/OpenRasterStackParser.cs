using System.Globalization;
using System.Xml;

namespace Takt.Archive.Ingest.OpenRaster;

/// <summary>
/// Streams stack.xml (OpenRaster 0.0.x: <c>image</c> ⊃ nested <c>stack</c> ⊃ <c>layer</c>). Streaming
/// rather than a DOM keeps deep or huge hostile documents bounded by the caps below, not by memory.
/// Structural problems throw <see cref="FormatException"/>; a bad layer only becomes a layer error.
/// </summary>
internal static class OpenRasterStackParser
{
    public const int MaxStackDepth = 64;
    public const int MaxCanvasSide = 65535;
    private const long MaxStackXmlChars = 16L * 1024 * 1024;

    public static OpenRasterStack Parse(Stream xml, int maxLayers)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxStackXmlChars,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        using var reader = XmlReader.Create(xml, settings);

        int? width = null, height = null;
        var stacks = new Stack<string?>();
        var layers = new List<OpenRasterLayer>();
        var errors = new List<OpenRasterLayerError>();
        var layerCount = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "stack" && stacks.Count > 0)
            {
                stacks.Pop();
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "image" when width is null:
                    width = CanvasSide(reader, "w");
                    height = CanvasSide(reader, "h");
                    break;
                case "stack" when width is not null:
                    if (stacks.Count >= MaxStackDepth)
                    {
                        throw new FormatException($"stack.xml nests stacks deeper than {MaxStackDepth}");
                    }

                    if (!reader.IsEmptyElement)
                    {
                        // The outermost stack is the image itself, so it adds nothing to a layer's path.
                        stacks.Push(stacks.Count == 0 ? null : reader.GetAttribute("name") is { Length: > 0 } name ? name : "(unnamed)");
                    }

                    break;
                case "layer" when width is not null:
                    if (++layerCount > maxLayers)
                    {
                        throw new FormatException($"stack.xml has more than {maxLayers} layers");
                    }

                    ReadLayer(reader, PathOf(stacks), layers, errors);
                    break;
            }
        }

        if (width is null || height is null)
        {
            throw new FormatException("stack.xml has no <image> element");
        }

        return new OpenRasterStack(width.Value, height.Value, layers, errors);
    }

    private static int CanvasSide(XmlReader reader, string attribute)
    {
        var text = reader.GetAttribute(attribute);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"<image> attribute '{attribute}' is missing or not an integer ('{text}')");
        }

        if (value is <= 0 or > MaxCanvasSide)
        {
            throw new FormatException($"<image> {attribute}={value} is outside 1..{MaxCanvasSide}");
        }

        return value;
    }

    private static string PathOf(Stack<string?> stacks) =>
        string.Join('/', stacks.Reverse().Where(s => s is not null));

    private static void ReadLayer(XmlReader reader, string path, List<OpenRasterLayer> layers, List<OpenRasterLayerError> errors)
    {
        var name = reader.GetAttribute("name") ?? "";
        var src = reader.GetAttribute("src") ?? "";
        if (OpenRasterPaths.Validate(src) is { } srcError)
        {
            errors.Add(new OpenRasterLayerError(name, src, srcError));
            return;
        }

        if (!TryInt(reader, "x", out var x) || !TryInt(reader, "y", out var y))
        {
            errors.Add(new OpenRasterLayerError(name, src, "layer x/y is not an integer"));
            return;
        }

        var opacityText = reader.GetAttribute("opacity");
        var opacity = 1.0;
        if (opacityText is not null
            && (!double.TryParse(opacityText, NumberStyles.Float, CultureInfo.InvariantCulture, out opacity) || !double.IsFinite(opacity)))
        {
            errors.Add(new OpenRasterLayerError(name, src, $"layer opacity '{opacityText}' is not a number"));
            return;
        }

        var visible = !string.Equals(reader.GetAttribute("visibility"), "hidden", StringComparison.Ordinal);
        var compositeOp = reader.GetAttribute("composite-op") is { Length: > 0 } op ? op : "svg:src-over";
        layers.Add(new OpenRasterLayer(name, src, x, y, Math.Clamp(opacity, 0, 1), visible, compositeOp, path));
    }

    private static bool TryInt(XmlReader reader, string attribute, out int value)
    {
        var text = reader.GetAttribute(attribute);
        if (text is null)
        {
            value = 0;
            return true;
        }

        // Some writers emit "12.0"; accept integral decimals, reject anything else.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number) && Math.Abs(number) <= 1_000_000 && number == Math.Floor(number))
        {
            value = (int)number;
            return true;
        }

        value = 0;
        return false;
    }
}
