using System.Text.Json;
using CsCheck;
using Takt.Domain.Datasets;

namespace Takt.Domain.Tests.Datasets;

public sealed class ImageTransformTests
{
    private static readonly CropPlan Plan = CropPlan.Cover(new PixelSize(3840, 2160), new PixelSize(1344, 768));

    [Fact]
    public void ToCanonicalJson_IsFixedCompactAndStable()
    {
        var transform = ImageTransform.For(new TargetSpec { Format = DatasetFormat.Kohya, Background = "#ffffff" }, Plan, ImageRole.Image);

        const string Expected =
            """{"role":"image","source":"3840x2160","scaled":"1365x768","cropX":10,"cropY":0,"bucket":"1344x768","kernel":"lanczos3","premultiplied":true,"bitDepth":8,"colour":"rgb","background":"#FFFFFF"}""";
        Assert.Equal(Expected, transform.ToCanonicalJson());
        Assert.Equal(Expected, (transform with { Background = "#FFFFFF" }).ToCanonicalJson());
    }

    [Fact]
    public void ToCanonicalJson_Rgba_HasNoBackground()
    {
        var rgba = ImageTransform.For(new TargetSpec { Format = DatasetFormat.Kohya, Colour = ColourMode.Rgba }, Plan, ImageRole.Image);

        Assert.Equal(rgba.ToCanonicalJson(), (rgba with { Background = "#000000" }).ToCanonicalJson());
        Assert.Equal("none", JsonDocument.Parse(rgba.ToCanonicalJson()).RootElement.GetProperty("background").GetString());
    }

    [Fact]
    public void For_Mask_IsEightBitGreyWhateverTheTarget()
    {
        var mask = ImageTransform.For(new TargetSpec { Format = DatasetFormat.OneTrainer, BitDepth = 16, Colour = ColourMode.Rgb }, Plan, ImageRole.Mask);

        Assert.Equal((8, ColourMode.Grey, ImageRole.Mask), (mask.BitDepth, mask.Colour, mask.Role));
    }

    [Fact]
    public void ToCanonicalJson_AnyFieldChanged_ChangesTheJson()
    {
        var size = Gen.Select(Gen.Int[1, 4000], Gen.Int[1, 4000]).Select((w, h) => new PixelSize(w, h));
        var transform = Gen.Select(size, size, Gen.OneOf(Gen.Const(8), Gen.Const(16)), Gen.Enum<ColourMode>(), Gen.OneOf(Gen.Const("#FFFFFF"), Gen.Const("#000000")), Gen.Enum<ImageRole>())
            .Select((source, bucket, depth, colour, background, role) => new ImageTransform(CropPlan.Cover(source, bucket), depth, colour, background, role));
        Gen.Select(transform, transform).Sample((a, b) =>
        {
            var same = a.Crop == b.Crop && a.BitDepth == b.BitDepth && a.Colour == b.Colour && a.Role == b.Role
                && (a.Colour == ColourMode.Rgba || a.Background == b.Background);
            Assert.Equal(same, a.ToCanonicalJson() == b.ToCanonicalJson());
        });
    }
}
