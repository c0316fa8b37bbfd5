using System.Globalization;
using System.Text;
using NetVips;

namespace Takt.Archive.Demo;

/// <summary>
/// Turns SVG markup into pixels and pixels into PNG bytes. SVG through the librsvg that ships in
/// the NetVips native bundle keeps the drawing code declarative and the output identical on every
/// machine with that bundle; no system fonts are involved (text is drawn with <see cref="PixelFont"/>).
/// </summary>
internal static class Raster
{
    public static string Svg(int width, int height, string body) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' viewBox='0 0 {width} {height}'>{body}</svg>");

    /// <summary>Renders to 4-band sRGB at exactly the SVG's size.</summary>
    public static Image Render(string svg)
    {
        using var loaded = Image.NewFromBuffer(Encoding.UTF8.GetBytes(svg), access: Enums.Access.Sequential);
        // Copy into memory: the caller composites the same image several times, and a sequential
        // source can only be read once.
        return loaded.CopyMemory();
    }

    public static Image RenderOpaque(string svg)
    {
        using var rgba = Render(svg);
        using var rgb = rgba.Flatten(background: [255, 255, 255]);
        return rgb.Cast(Enums.BandFormat.Uchar);
    }

    /// <summary>
    /// PNG with no metadata at all, so the bytes depend only on the pixels; compression 6 trades a
    /// little size for speed on small machines.
    /// </summary>
    public static byte[] Png(Image image, int bitDepth = 8) =>
        image.PngsaveBuffer(compression: 6, bitdepth: bitDepth, keep: Enums.ForeignKeep.None);

    /// <summary>Converts an 8-bit image to 16 bits per band (x257 maps 255 to 65535 exactly).</summary>
    public static Image To16Bit(Image image)
    {
        using var wide = image.Cast(Enums.BandFormat.Ushort);
        using var scaled = wide * 257;
        using var back = scaled.Cast(Enums.BandFormat.Ushort);
        return back.Copy(interpretation: image.Bands >= 3 ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Grey16);
    }

    /// <summary>Stacks layers bottom first with the Porter-Duff "over" operator.</summary>
    public static Image Over(IReadOnlyList<Image> bottomFirst)
    {
        var result = bottomFirst[0].Copy();
        for (var i = 1; i < bottomFirst.Count; i++)
        {
            var next = result.Composite2(bottomFirst[i], Enums.BlendMode.Over);
            result.Dispose();
            result = next.Cast(Enums.BandFormat.Uchar);
            next.Dispose();
        }

        return result;
    }

    /// <summary>
    /// Keeps only the dark strokes of a black-on-white drawing: alpha is the darkness, colour is
    /// the ink. This is how painters lift line art off scanned paper, and it preserves antialiasing.
    /// </summary>
    public static Image InkFromPaper(Image opaqueRgb, byte[] ink)
    {
        using var grey = opaqueRgb.Colourspace(Enums.Interpretation.Bw);
        using var inverted = grey.Invert();
        using var alpha = inverted.Cast(Enums.BandFormat.Uchar);
        using var colour = Image.Black(opaqueRgb.Width, opaqueRgb.Height, bands: 3).NewFromImage(ink[0], ink[1], ink[2]);
        using var colourU = colour.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return colourU.Bandjoin(alpha);
    }

    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
