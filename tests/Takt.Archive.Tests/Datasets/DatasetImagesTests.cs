using NetVips;
using Takt.Archive.Datasets.Images;
using Takt.Archive.Tests.Ingest;
using Takt.Domain.Datasets;
using Takt.TestKit.Files;
using static Takt.Archive.Tests.Datasets.DerivedImages;

namespace Takt.Archive.Tests.Datasets;

public sealed class DatasetImagesTests : IDisposable
{
    private readonly TempFolder folder = new("takt-ds-images");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Derive_ManyRandomPlans_OutputIsExactlyTheBucket()
    {
        // Seeded, so a failure names a case that can be replayed.
        var random = new Random(20261123);
        for (var i = 0; i < 40; i++)
        {
            var source = new PixelSize(random.Next(9, 260), random.Next(9, 260));
            var bucket = new PixelSize(random.Next(1, 25) * 8, random.Next(1, 25) * 8);
            var alpha = i % 2 == 0;
            using var image = Pattern(source.Width, source.Height, alpha);
            var path = Save(image, folder.Combine($"src-{i}.png"));
            var colour = (ColourMode)(i % 3);

            var png = DatasetImages.Derive(path, Transform(source, bucket, colour: colour));

            using var output = Load(png);
            Assert.True(output.Width == bucket.Width && output.Height == bucket.Height, $"case {i}: {source} → {bucket} gave {output.Width}x{output.Height}");
            Assert.Equal(colour switch { ColourMode.Rgb => 3, ColourMode.Rgba => 4, _ => 1 }, output.Bands);
        }
    }

    [Fact]
    public void Derive_IdentityPlan_KeepsEveryPixel()
    {
        using var image = Pattern(64, 48, alpha: false);
        var path = Save(image, folder.Combine("same.png"));

        var png = DatasetImages.Derive(path, Transform(new(64, 48), new(64, 48)));

        using var output = Load(png);
        using var difference = (output - image).Abs();
        Assert.Equal(0, difference.Max());
    }

    [Fact]
    public void Derive_TransparentRedBesideOpaqueBlue_NoRedBleedsIntoTheEdge()
    {
        using var image = RedGhostBesideBlue(100, 40);
        var path = Save(image, folder.Combine("ghost.png"));

        var png = DatasetImages.Derive(path, Transform(new(100, 40), new(37, 15), colour: ColourMode.Rgba));

        using var output = Load(png);
        for (var x = 0; x < output.Width; x++)
        {
            var pixel = PixelAt(output, x, 7);
            if (pixel[3] > 0)
            {
                Assert.True(pixel[0] <= 1, $"x={x}: red {pixel[0]} bled into a visible pixel (alpha {pixel[3]})");
            }
        }

        Assert.Equal([0, 0, 255, 255], PixelAt(output, 36, 7));
    }

    [Fact]
    public void Derive_Rgb_FlattensOverTheBackgroundAndDropsAlpha()
    {
        using var image = Solid(32, 32, Enums.BandFormat.Uchar, 255, 0, 0, 0);
        var path = Save(image, folder.Combine("clear.png"));

        var png = DatasetImages.Derive(path, Transform(new(32, 32), new(16, 16), background: "#00FF80"));

        using var output = Load(png);
        Assert.Equal(3, output.Bands);
        Assert.Equal([0, 255, 128], PixelAt(output, 8, 8));
    }

    [Fact]
    public void Derive_Rgba_OpaqueSourceGainsAnOpaqueAlpha()
    {
        using var image = Solid(16, 16, Enums.BandFormat.Uchar, 10, 20, 30);
        var path = Save(image, folder.Combine("opaque.png"));

        var png = DatasetImages.Derive(path, Transform(new(16, 16), new(16, 16), colour: ColourMode.Rgba));

        using var output = Load(png);
        Assert.Equal([10, 20, 30, 255], PixelAt(output, 3, 3));
    }

    [Fact]
    public void Derive_SixteenBitSourceToEightBits_ScalesBy257()
    {
        using var image = Solid(16, 16, Enums.BandFormat.Ushort, 65535, 200 * 257, 100 * 257 + 100);
        var path = Save(image, folder.Combine("deep.png"), bitDepth: 16);

        var png = DatasetImages.Derive(path, Transform(new(16, 16), new(8, 8)));

        using var output = Load(png);
        Assert.Equal(Enums.BandFormat.Uchar, output.Format);
        Assert.Equal([255, 200, 100], PixelAt(output, 4, 4));
    }

    [Fact]
    public void Derive_SixteenBitRgbaToEightBitRgb_FlattensAtFullPrecision()
    {
        using var image = Solid(16, 16, Enums.BandFormat.Ushort, 65535, 0, 32896, 32768);
        var path = Save(image, folder.Combine("deep-alpha.png"), bitDepth: 16);

        var png = DatasetImages.Derive(path, Transform(new(16, 16), new(8, 8), background: "#000000"));

        using var output = Load(png);
        Assert.Equal((Enums.BandFormat.Uchar, 3), (output.Format, output.Bands));
        // Half coverage over black: 255 → 128, 128 → 64.
        Assert.Equal([128, 0, 64], PixelAt(output, 4, 4));
    }

    [Fact]
    public void Derive_SixteenBitOut_IsSixteenBitAndExact()
    {
        using var deep = Solid(16, 16, Enums.BandFormat.Ushort, 1234, 40000, 65535);
        using var shallow = Solid(16, 16, Enums.BandFormat.Uchar, 1, 128, 255);
        var deepPath = Save(deep, folder.Combine("deep16.png"), bitDepth: 16);
        var shallowPath = Save(shallow, folder.Combine("shallow8.png"));

        using var fromDeep = Load(DatasetImages.Derive(deepPath, Transform(new(16, 16), new(16, 16), bitDepth: 16)));
        using var fromShallow = Load(DatasetImages.Derive(shallowPath, Transform(new(16, 16), new(8, 8), bitDepth: 16)));

        Assert.Equal(Enums.BandFormat.Ushort, fromDeep.Format);
        Assert.Equal([1234, 40000, 65535], PixelAt(fromDeep, 5, 5));
        Assert.Equal(Enums.BandFormat.Ushort, fromShallow.Format);
        Assert.Equal([257, 128 * 257, 65535], PixelAt(fromShallow, 3, 3));
    }

    [Fact]
    public void Derive_Grey_IsOneBandAndKeepsGreyValues()
    {
        using var grey = Solid(20, 20, Enums.BandFormat.Uchar, 77);
        using var colour = Solid(20, 20, Enums.BandFormat.Uchar, 0, 0, 255, 128);
        var greyPath = Save(grey, folder.Combine("grey.png"));
        var colourPath = Save(colour, folder.Combine("colour.png"));

        using var fromGrey = Load(DatasetImages.Derive(greyPath, Transform(new(20, 20), new(8, 8), colour: ColourMode.Grey)));
        using var fromColour = Load(DatasetImages.Derive(colourPath, Transform(new(20, 20), new(8, 8), colour: ColourMode.Grey, background: "#000000")));

        Assert.Equal(1, fromGrey.Bands);
        Assert.Equal([77], PixelAt(fromGrey, 4, 4));
        Assert.Equal(1, fromColour.Bands);
        // Half-transparent blue over black is dark.
        Assert.InRange(PixelAt(fromColour, 4, 4)[0], 1, 60);
    }

    [Fact]
    public void Derive_GreySourceToRgb_RepeatsTheGreyInEachChannel()
    {
        using var grey = Solid(12, 12, Enums.BandFormat.Uchar, 90, 255);
        var path = Save(grey, folder.Combine("grey-alpha.png"));

        using var output = Load(DatasetImages.Derive(path, Transform(new(12, 12), new(8, 8))));

        Assert.Equal([90, 90, 90], PixelAt(output, 4, 4));
    }

    [Fact]
    public void Derive_Mask_IsTheAlphaAsOneEightBitBand()
    {
        using var image = RedGhostBesideBlue(64, 32);
        var path = Save(image, folder.Combine("masked.png"));

        // A mask is 8-bit grey whatever the transform's depth and colour say.
        using var mask = Load(DatasetImages.Derive(path, Transform(new(64, 32), new(32, 16), bitDepth: 16, role: ImageRole.Mask)));

        Assert.Equal(1, mask.Bands);
        Assert.Equal(Enums.BandFormat.Uchar, mask.Format);
        Assert.Equal((32, 16), (mask.Width, mask.Height));
        Assert.Equal([0], PixelAt(mask, 2, 8));
        Assert.Equal([255], PixelAt(mask, 30, 8));
    }

    [Fact]
    public void Derive_MaskWithoutAlpha_IsAllWhite()
    {
        using var image = Pattern(40, 30, alpha: false);
        var path = Save(image, folder.Combine("opaque-pattern.png"));

        using var mask = Load(DatasetImages.Derive(path, Transform(new(40, 30), new(24, 16), role: ImageRole.Mask)));

        Assert.Equal((24, 16, 1), (mask.Width, mask.Height, mask.Bands));
        Assert.Equal(255, mask.Min());
    }

    [Theory]
    [InlineData(ColourMode.Rgb, 8)]
    [InlineData(ColourMode.Rgba, 16)]
    [InlineData(ColourMode.Grey, 8)]
    public void Derive_Twice_SameBytesAndNoMetadataChunks(ColourMode colour, int bitDepth)
    {
        using var image = Pattern(90, 70, alpha: true);
        var path = Save(image, folder.Combine("twice.png"));
        var transform = Transform(new(90, 70), new(48, 32), bitDepth, colour);

        var first = DatasetImages.Derive(path, transform);
        var second = DatasetImages.Derive(path, transform);

        Assert.Equal(first, second);
        // pHYs is pinned (see the next test); nothing else besides pixels.
        Assert.All(DerivedImages.Chunks(first), chunk => Assert.Contains(chunk, new[] { "IHDR", "pHYs", "IDAT", "IEND" }));
    }

    [Fact]
    public void Derive_SamePixelsDifferentDpi_SameBytes()
    {
        using var image = Pattern(40, 40, alpha: false);
        using var print = image.Copy(xres: 300 / 25.4, yres: 300 / 25.4);
        using var screen = image.Copy(xres: 96 / 25.4, yres: 96 / 25.4);
        var transform = Transform(new(40, 40), new(24, 24));

        var fromPrint = DatasetImages.Derive(Save(print, folder.Combine("print.png")), transform);
        var fromScreen = DatasetImages.Derive(Save(screen, folder.Combine("screen.png")), transform);

        Assert.Equal(fromPrint, fromScreen);
    }

    [Fact]
    public void Derive_InParallel_SameBytesAsAlone()
    {
        using var image = Pattern(120, 90, alpha: true);
        var path = Save(image, folder.Combine("parallel.png"));
        var transform = Transform(new(120, 90), new(64, 48), colour: ColourMode.Rgba);
        var alone = DatasetImages.Derive(path, transform);

        var results = new byte[8][];
        Parallel.For(0, results.Length, i => results[i] = DatasetImages.Derive(path, transform));

        Assert.All(results, bytes => Assert.Equal(alone, bytes));
    }

    [Fact]
    public void Derive_Jpeg_IsDecoded()
    {
        var path = folder.Combine("photo.jpg");
        File.WriteAllBytes(path, TestImages.Jpeg());

        using var output = Load(DatasetImages.Derive(path, Transform(new(64, 64), new(32, 32))));

        Assert.Equal((32, 32, 3), (output.Width, output.Height, output.Bands));
    }

    [Fact]
    public void Derive_TruncatedPng_ThrowsNamingTheProblem()
    {
        var whole = TestImages.NoisyPng();
        var path = folder.Combine("truncated.png");
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var error = Assert.Throws<DatasetImageException>(() => DatasetImages.Derive(path, Transform(new(256, 256), new(64, 64))));

        Assert.Equal("not a decodable image: vipspng: libpng read error (truncated.png)", error.Message);
    }

    [Fact]
    public void Derive_NotAnImage_ThrowsNamingTheProblem()
    {
        var path = folder.Combine("notes.png");
        File.WriteAllText(path, "these are words, not pixels");

        var error = Assert.Throws<DatasetImageException>(() => DatasetImages.Derive(path, Transform(new(8, 8), new(8, 8))));

        Assert.Equal("not a decodable image: VipsForeignLoad: \"notes.png\" is not a known file format", error.Message);
    }

    [Fact]
    public void Derive_Svg_RefusedAsUnsupported()
    {
        var path = folder.Combine("drawing.svg");
        File.WriteAllText(path, "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'><rect width='8' height='8'/></svg>");

        var error = Assert.Throws<DatasetImageException>(() => DatasetImages.Derive(path, Transform(new(8, 8), new(8, 8))));

        Assert.StartsWith("not a supported image format (svgload)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_OverThePixelCap_RefusedBeforeDecoding()
    {
        var path = folder.Combine("bomb.png");
        File.WriteAllBytes(path, TestImages.ClaimedSizePng(100_000, 100_000));

        var error = Assert.Throws<DatasetImageException>(() => DatasetImages.Derive(path, Transform(new(100_000, 100_000), new(64, 64))));

        Assert.Contains("over the limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_PlanForAnotherSize_Refused()
    {
        using var image = Pattern(30, 20, alpha: false);
        var path = Save(image, folder.Combine("small.png"));

        var error = Assert.Throws<DatasetImageException>(() => DatasetImages.Derive(path, Transform(new(60, 40), new(16, 16))));

        Assert.Contains("crop plan was made for 60x40", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolVersions_NameLibvipsPngAndTheAlgorithm()
    {
        var versions = DatasetImages.ToolVersions;

        Assert.Matches(@"^\d+\.\d+\.\d+$", versions["libvips"]);
        Assert.Equal(DatasetImages.AlgorithmVersion, versions["takt-images"]);
        Assert.Contains("zlib6", versions["png"], StringComparison.Ordinal);
    }
}
