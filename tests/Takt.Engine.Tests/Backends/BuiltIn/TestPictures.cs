using NetVips;

namespace Takt.Engine.Tests.Backends.BuiltIn;

/// <summary>Small images drawn in code, so every test knows its pixels exactly.</summary>
internal static class TestPictures
{
    /// <summary>An 8-bit RGB gradient whose pixels differ by position and seed.</summary>
    public static Image Gradient(int width, int height, int seed = 0)
    {
        using var xy = Image.Xyz(width, height);
        using var x = xy[0];
        using var y = xy[1];
        using var r = (x * 7) + (seed * 13);
        using var g = (y * 5) + (seed * 3);
        using var b = (x + y) * 3;
        using var joined = r.Bandjoin(g, b);
        using var wrapped = joined.RemainderConst([256.0]);
        return wrapped.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>One colour everywhere, with alpha.</summary>
    public static Image Solid(int width, int height, double r, double g, double b, double a)
    {
        using var black = Image.Black(width, height, bands: 4);
        using var filled = black.NewFromImage(r, g, b, a);
        return filled.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    public static double[] Pixel(Image image, int x, int y) => image.Getpoint(x, y);
}
