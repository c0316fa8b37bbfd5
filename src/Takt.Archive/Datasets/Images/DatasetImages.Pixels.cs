using NetVips;
using Takt.Domain.Datasets;

namespace Takt.Archive.Datasets.Images;

/// <summary>
/// The pixel pipeline. Every step works at the source's depth (8 or 16 bits, integer samples) and
/// the depth changes once, at the end, with exact arithmetic (×257, ÷257 rounded), so 8-bit values
/// survive a 16-bit round trip and a 16-bit source loses nothing until the last step.
/// </summary>
public static partial class DatasetImages
{
    private static Image Picture(Image source, ImageTransform transform, byte[] background)
    {
        var working = Normalise(source);
        var deep = working.Format == Enums.BandFormat.Ushort;
        var max = deep ? 65535.0 : 255.0;
        var image = Then(working, w => Fit(w, transform.Crop, max));
        image = transform.Colour switch
        {
            ColourMode.Rgba => Then(ToRgb(image, deep), rgb => rgb.HasAlpha() ? rgb.Copy() : rgb.Bandjoin(max)),
            ColourMode.Rgb => Then(ToRgb(image, deep), rgb => Flatten(rgb, background, deep)),
            ColourMode.Grey when IsGrey(image) && !image.HasAlpha() => image,
            ColourMode.Grey => Then(Then(ToRgb(image, deep), rgb => Flatten(rgb, background, deep)),
                opaque => opaque.Colourspace(deep ? Enums.Interpretation.Grey16 : Enums.Interpretation.Bw)),
            _ => throw new ArgumentOutOfRangeException(nameof(transform), transform.Colour, "unknown colour mode"),
        };
        return ToDepth(image, deep, transform.BitDepth);
    }

    /// <summary>
    /// The alpha channel as one 8-bit band, scaled and cut with the same plan as the image. Without
    /// alpha everything trains, so the mask is white; it is drawn, not decoded.
    /// </summary>
    private static Image Mask(Image source, CropPlan plan)
    {
        if (!source.HasAlpha())
        {
            using var black = Image.Black(plan.Bucket.Width, plan.Bucket.Height);
            using var white = black + 255;
            return white.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Bw);
        }

        var working = Normalise(source);
        var deep = working.Format == Enums.BandFormat.Ushort;
        var alpha = Then(working, w =>
        {
            using var band = w.ExtractBand(w.Bands - 1);
            return band.Copy(interpretation: deep ? Enums.Interpretation.Grey16 : Enums.Interpretation.Bw);
        });
        var fitted = Then(alpha, a => Fit(a, plan, deep ? 65535.0 : 255.0));
        return ToDepth(fitted, deep, 8);
    }

    /// <summary>
    /// Brings any decoded source to grey or RGB, with or without alpha, in unsigned 8 or 16 bits, and
    /// labelled to match. Loaders label the same layout differently (a 16-bit TIFF may say sRGB), so
    /// the plain layouts are relabelled from their band count; the rest (CMYK, Lab, float) are converted.
    /// </summary>
    private static Image Normalise(Image source)
    {
        var plain = source.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Rgb or Enums.Interpretation.Rgb16
            or Enums.Interpretation.Bw or Enums.Interpretation.Grey16 or Enums.Interpretation.Multiband;
        if (plain && source.Format is Enums.BandFormat.Uchar or Enums.BandFormat.Ushort && source.Bands is >= 1 and <= 4)
        {
            var deep = source.Format == Enums.BandFormat.Ushort;
            var interpretation = source.Bands <= 2
                ? (deep ? Enums.Interpretation.Grey16 : Enums.Interpretation.Bw)
                : (deep ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb);
            return source.Copy(interpretation: interpretation);
        }

        // Anything that is not plain 8-bit becomes 16-bit RGB, so high-precision sources keep their precision.
        var wide = source.Format is not (Enums.BandFormat.Uchar or Enums.BandFormat.Char);
        return source.Colourspace(wide ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb);
    }

    /// <summary>
    /// Scales the whole image to exactly <see cref="CropPlan.Scaled"/> and cuts out the bucket. With
    /// alpha the resize runs on premultiplied samples, so colour under transparent pixels (often
    /// garbage, or a flat fill) does not bleed into the visible edge.
    /// </summary>
    private static Image Fit(Image image, CropPlan plan, double maxAlpha)
    {
        var scaled = image.Width == plan.Scaled.Width && image.Height == plan.Scaled.Height
            ? image.Copy()
            : Resize(image, plan.Scaled, maxAlpha);
        if (plan.CropX == 0 && plan.CropY == 0 && plan.Bucket == plan.Scaled)
        {
            return scaled;
        }

        return Then(scaled, s => s.ExtractArea(plan.CropX, plan.CropY, plan.Bucket.Width, plan.Bucket.Height));
    }

    private static Image Resize(Image image, PixelSize size, double maxAlpha)
    {
        var format = image.Format;
        var hscale = (double)size.Width / image.Width;
        var vscale = (double)size.Height / image.Height;
        Image resized;
        if (image.HasAlpha())
        {
            using var premultiplied = image.Premultiply(maxAlpha: maxAlpha);
            using var reduced = premultiplied.Resize(hscale, kernel: Enums.Kernel.Lanczos3, vscale: vscale);
            using var straight = reduced.Unpremultiply(maxAlpha: maxAlpha);
            resized = ToFormat(straight, format, image.Interpretation);
        }
        else
        {
            resized = image.Resize(hscale, kernel: Enums.Kernel.Lanczos3, vscale: vscale);
        }

        // libvips rounds the output size from the scale factors; should a factor land a hair below
        // .5 the result is a pixel short or long, and the plan's size is the contract, so trim or
        // repeat the last row or column to reach it exactly.
        if (resized.Width == size.Width && resized.Height == size.Height)
        {
            return resized;
        }

        return Then(resized, r => r.Embed(0, 0, size.Width, size.Height, extend: Enums.Extend.Copy));
    }

    private static Image ToRgb(Image image, bool deep) =>
        IsGrey(image)
            ? Then(image, i => i.Colourspace(deep ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb))
            : image;

    private static Image Flatten(Image rgb, byte[] background, bool deep)
    {
        if (!rgb.HasAlpha())
        {
            return rgb.Copy();
        }

        var scale = deep ? 257.0 : 1.0;
        using var flat = rgb.Flatten(background: [background[0] * scale, background[1] * scale, background[2] * scale], maxAlpha: deep ? 65535 : 255);
        return ToFormat(flat, rgb.Format, rgb.Interpretation);
    }

    /// <summary>The one change of depth, with rounding; 255 maps to 65535 and back exactly.</summary>
    private static Image ToDepth(Image image, bool deep, int bitDepth)
    {
        var grey = IsGrey(image);
        var interpretation = bitDepth == 16
            ? (grey ? Enums.Interpretation.Grey16 : Enums.Interpretation.Rgb16)
            : (grey ? Enums.Interpretation.Bw : Enums.Interpretation.Srgb);
        var format = bitDepth == 16 ? Enums.BandFormat.Ushort : Enums.BandFormat.Uchar;
        return (deep, bitDepth) switch
        {
            (true, 8) => Then(image, i => { using var scaled = i / 257.0; return ToFormat(scaled, format, interpretation); }),
            (false, 16) => Then(image, i => { using var scaled = i * 257.0; return ToFormat(scaled, format, interpretation); }),
            _ => Then(image, i => ToFormat(i, format, interpretation)),
        };
    }

    /// <summary>Rounds to nearest and clips into <paramref name="format"/> (Lanczos overshoots; a plain cast truncates).</summary>
    private static Image ToFormat(Image image, Enums.BandFormat format, Enums.Interpretation interpretation)
    {
        if (image.Format == format)
        {
            return image.Copy(interpretation: interpretation);
        }

        using var rounded = image.Round(Enums.OperationRound.Rint);
        using var cast = rounded.Cast(format);
        return cast.Copy(interpretation: interpretation);
    }

    private static bool IsGrey(Image image) =>
        image.Interpretation is Enums.Interpretation.Bw or Enums.Interpretation.Grey16;

    /// <summary>
    /// Applies one step and releases the previous image's handle (libvips keeps what the new image
    /// still needs), so a long chain does not wait for the finaliser to free native memory.
    /// </summary>
    private static Image Then(Image image, Func<Image, Image> step)
    {
        var next = step(image);
        if (!ReferenceEquals(next, image))
        {
            image.Dispose();
        }

        return next;
    }
}
