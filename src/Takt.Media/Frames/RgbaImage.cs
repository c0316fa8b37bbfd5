namespace Takt.Media.Frames;

/// <summary>
/// An 8-bit RGBA image with premultiplied alpha, rows packed (stride = 4 × width): the form layers
/// are composited from. Premultiplied so that resampling and blending never bleed the colour of
/// transparent pixels into edges.
/// </summary>
public sealed class RgbaImage
{
    public RgbaImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (pixels.Length != (long)width * height * 4)
        {
            throw new ArgumentException($"a {width}x{height} RGBA image has {(long)width * height * 4} bytes, not {pixels.Length}", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Premultiplied R, G, B, A per pixel.</summary>
    public byte[] Pixels { get; }

    /// <summary>From straight (not premultiplied) RGBA, as decoders give it.</summary>
    public static RgbaImage FromStraight(int width, int height, ReadOnlySpan<byte> straight)
    {
        var pixels = new byte[(long)width * height * 4];
        if (straight.Length != pixels.Length)
        {
            throw new ArgumentException($"a {width}x{height} RGBA image has {pixels.Length} bytes, not {straight.Length}", nameof(straight));
        }

        for (var i = 0; i < pixels.Length; i += 4)
        {
            var a = straight[i + 3];
            pixels[i] = Premultiply(straight[i], a);
            pixels[i + 1] = Premultiply(straight[i + 1], a);
            pixels[i + 2] = Premultiply(straight[i + 2], a);
            pixels[i + 3] = a;
        }

        return new RgbaImage(width, height, pixels);
    }

    /// <summary>One colour everywhere (premultiplied from the straight colour given).</summary>
    public static RgbaImage Solid(int width, int height, byte r, byte g, byte b, byte a = 255)
    {
        var pixels = new byte[(long)width * height * 4];
        var (pr, pg, pb) = (Premultiply(r, a), Premultiply(g, a), Premultiply(b, a));
        for (var i = 0; i < pixels.Length; i += 4)
        {
            pixels[i] = pr;
            pixels[i + 1] = pg;
            pixels[i + 2] = pb;
            pixels[i + 3] = a;
        }

        return new RgbaImage(width, height, pixels);
    }

    private static byte Premultiply(byte value, byte alpha) => (byte)(((value * alpha) + 127) / 255);
}
