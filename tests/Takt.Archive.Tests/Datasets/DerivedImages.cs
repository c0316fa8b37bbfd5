using System.Buffers.Binary;
using System.Text;
using NetVips;
using Takt.Domain.Datasets;

namespace Takt.Archive.Tests.Datasets;

/// <summary>Small sources drawn with libvips for derivation tests, and ways to look inside the results.</summary>
internal static class DerivedImages
{
    /// <summary>A constant image: every pixel is <paramref name="values"/>, one value per band.</summary>
    public static Image Solid(int width, int height, Enums.BandFormat format, params double[] values)
    {
        using var black = Image.Black(width, height, bands: values.Length);
        using var filled = black + values;
        using var cast = filled.Cast(format);
        var deep = format == Enums.BandFormat.Ushort;
        var interpretation = values.Length <= 2
            ? (deep ? Enums.Interpretation.Grey16 : Enums.Interpretation.Bw)
            : (deep ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb);
        return cast.Copy(interpretation: interpretation);
    }

    /// <summary>Left half fully transparent red, right half opaque blue: Lanczos without premultiplying bleeds red into the edge.</summary>
    public static Image RedGhostBesideBlue(int width, int height)
    {
        using var left = Solid(width / 2, height, Enums.BandFormat.Uchar, 255, 0, 0, 0);
        using var right = Solid(width - (width / 2), height, Enums.BandFormat.Uchar, 0, 0, 255, 255);
        return left.Join(right, Enums.Direction.Horizontal);
    }

    /// <summary>An RGB(A) pattern with detail everywhere, so a wrong crop or scale changes pixels.</summary>
    public static Image Pattern(int width, int height, bool alpha)
    {
        using var xyz = Image.Xyz(width, height);
        using var x = xyz[0];
        using var y = xyz[1];
        using var r = (x * 7) % 256;
        using var g = (y * 5) % 256;
        using var b = ((x + y) * 3) % 256;
        using var joined = alpha ? r.Bandjoin(g, b, (x * y) % 256) : r.Bandjoin(g, b);
        using var bytes = joined.Cast(Enums.BandFormat.Uchar);
        return bytes.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    public static string Save(Image image, string path, int bitDepth = 8)
    {
        File.WriteAllBytes(path, image.PngsaveBuffer(bitdepth: bitDepth));
        return path;
    }

    public static Image Load(byte[] png) => Image.NewFromBuffer(png).CopyMemory();

    public static double[] PixelAt(Image image, int x, int y) => image.Getpoint(x, y);

    public static ImageTransform Transform(PixelSize source, PixelSize bucket, int bitDepth = 8, ColourMode colour = ColourMode.Rgb, string background = "#FFFFFF", ImageRole role = ImageRole.Image) =>
        new(CropPlan.Cover(source, bucket), bitDepth, colour, background, role);

    /// <summary>The chunk types of a PNG, in file order.</summary>
    public static List<string> Chunks(byte[] png)
    {
        var chunks = new List<string>();
        for (var at = 8; at + 8 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            chunks.Add(Encoding.ASCII.GetString(png, at + 4, 4));
            at += 12 + length;
        }

        return chunks;
    }
}
