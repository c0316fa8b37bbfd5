using NetVips;
using Takt.Domain.Workflows;
using Takt.Engine.Backends.BuiltIn;

namespace Takt.Engine.Tests.Backends.BuiltIn;

public sealed class ImageNodeTests : IAsyncLifetime
{
    private readonly BuiltInHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Theory]
    [InlineData("exact", 50, 20, 50, 20)]
    [InlineData("cover", 50, 20, 50, 20)]
    [InlineData("contain", 50, 20, 25, 20)]
    [InlineData("contain", 30, 60, 30, 24)]
    public async Task Resize_Fit_GivesTheExpectedSize(string fit, int width, int height, int expectedWidth, int expectedHeight)
    {
        using var source = TestPictures.Gradient(100, 80);
        var input = await _harness.PutPngAsync(source);

        var output = await _harness.RunOneAsync(BuiltInNodeTypes.Resize, new { width, height, fit }, Inputs(("image", input)));

        using var image = await _harness.ReadImageAsync(output);
        Assert.Equal((expectedWidth, expectedHeight), (image.Width, image.Height));
        Assert.Equal((PortType.Image, "image/png"), (output.Type, output.MediaType));
        Assert.Equal(output.BlobHash, output.ContentHash);
    }

    [Fact]
    public async Task Resize_SameInputTwice_ByteIdenticalPng()
    {
        using var source = TestPictures.Gradient(97, 61, seed: 3);
        var input = await _harness.PutPngAsync(source);

        var first = await _harness.RunOneAsync(BuiltInNodeTypes.Resize, new { width = 40, height = 33, fit = "cover" }, Inputs(("image", input)));
        var second = await _harness.RunOneAsync(BuiltInNodeTypes.Resize, new { width = 40, height = 33, fit = "cover" }, Inputs(("image", input)));

        Assert.Equal(first, second);
        Assert.Equal(await _harness.Context.ReadAsync(first, Ct), await _harness.Context.ReadAsync(second, Ct));
    }

    [Fact]
    public async Task Resize_TransparentPixelsWithHiddenColour_ColourDoesNotBleedIntoVisiblePixels()
    {
        // Left half: fully transparent but "red" underneath; right half: opaque blue.
        using var hidden = TestPictures.Solid(32, 32, 255, 0, 0, 0);
        using var blue = TestPictures.Solid(32, 32, 0, 0, 255, 255);
        using var source = hidden.Join(blue, Enums.Direction.Horizontal);
        var input = await _harness.PutPngAsync(source);

        var output = await _harness.RunOneAsync(BuiltInNodeTypes.Resize, new { width = 23, height = 11 }, Inputs(("image", input)));

        using var image = await _harness.ReadImageAsync(output);
        Assert.Equal(4, image.Bands);
        for (var x = 0; x < image.Width; x++)
        {
            var pixel = TestPictures.Pixel(image, x, 5);
            if (pixel[3] > 0)
            {
                Assert.True(pixel[0] <= 1, $"red {pixel[0]} bled into the visible pixel at x={x} (alpha {pixel[3]})");
            }
        }
    }

    [Fact]
    public async Task Crop_InsideTheImage_CutsThoseExactPixels()
    {
        using var source = TestPictures.Gradient(40, 30, seed: 1);
        var input = await _harness.PutPngAsync(source);

        var output = await _harness.RunOneAsync(BuiltInNodeTypes.Crop, new { x = 5, y = 7, width = 20, height = 10 }, Inputs(("image", input)));

        using var image = await _harness.ReadImageAsync(output);
        Assert.Equal((20, 10), (image.Width, image.Height));
        foreach (var (x, y) in new[] { (0, 0), (19, 9), (7, 3) })
        {
            Assert.Equal(TestPictures.Pixel(source, x + 5, y + 7), TestPictures.Pixel(image, x, y)[..3]);
        }
    }

    [Fact]
    public async Task Crop_OutOfBounds_PermanentErrorNamingTheValues()
    {
        using var source = TestPictures.Gradient(40, 30);
        var input = await _harness.PutPngAsync(source);

        var error = await _harness.FailAsync(BuiltInNodeTypes.Crop, new { x = 30, y = 0, width = 20, height = 10 }, Inputs(("image", input)));

        Assert.Contains("20x10 at (30, 0)", error.Message, StringComparison.Ordinal);
        Assert.Contains("40x30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crop_ParameterOutsideItsRange_PermanentErrorNamingTheParameter()
    {
        using var source = TestPictures.Gradient(40, 30);
        var input = await _harness.PutPngAsync(source);

        var error = await _harness.FailAsync(BuiltInNodeTypes.Crop, new { x = -1, width = 5, height = 5 }, Inputs(("image", input)));

        Assert.Contains("'x' is -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Composite_OpaqueOverlayAtOffset_CoversOnlyItsRectangle()
    {
        using var under = TestPictures.Gradient(30, 20);
        using var over = TestPictures.Solid(5, 4, 10, 200, 30, 255);
        var inputs = Inputs(("base", await _harness.PutPngAsync(under)), ("overlay", await _harness.PutPngAsync(over)));

        var output = await _harness.RunOneAsync(BuiltInNodeTypes.Composite, new { x = 10, y = 6 }, inputs);

        using var image = await _harness.ReadImageAsync(output);
        Assert.Equal((30, 20), (image.Width, image.Height));
        Assert.Equal([10.0, 200, 30, 255], TestPictures.Pixel(image, 12, 8));
        Assert.Equal([.. TestPictures.Pixel(under, 9, 6), 255], TestPictures.Pixel(image, 9, 6));
        Assert.Equal([.. TestPictures.Pixel(under, 15, 10), 255], TestPictures.Pixel(image, 15, 10));
    }

    [Fact]
    public async Task Composite_HalfOpacityOverOpaqueBase_AveragesTheColours()
    {
        using var under = TestPictures.Solid(8, 8, 200, 0, 100, 255);
        using var over = TestPictures.Solid(8, 8, 0, 100, 100, 255);
        var inputs = Inputs(("base", await _harness.PutPngAsync(under)), ("overlay", await _harness.PutPngAsync(over)));

        var output = await _harness.RunOneAsync(BuiltInNodeTypes.Composite, new { opacity = 0.5 }, inputs);

        using var image = await _harness.ReadImageAsync(output);
        Assert.Equal([100.0, 50, 100, 255], TestPictures.Pixel(image, 3, 3));
    }

    [Fact]
    public async Task Composite_OverlayOverTransparentBase_KeepsTheOverlaysOwnColour()
    {
        // Premultiplied arithmetic: half-transparent over nothing stays the overlay's colour at half alpha.
        using var under = TestPictures.Solid(8, 8, 255, 255, 255, 0);
        using var over = TestPictures.Solid(8, 8, 40, 80, 120, 255);
        var inputs = Inputs(("base", await _harness.PutPngAsync(under)), ("overlay", await _harness.PutPngAsync(over)));

        var output = await _harness.RunOneAsync(BuiltInNodeTypes.Composite, new { opacity = 0.5 }, inputs);

        using var image = await _harness.ReadImageAsync(output);
        var pixel = TestPictures.Pixel(image, 4, 4);
        Assert.Equal([40.0, 80, 120], pixel[..3]);
        Assert.InRange(pixel[3], 127, 128);
    }

    [Fact]
    public async Task Resize_CorruptImage_PermanentErrorNamingTheInput()
    {
        using var source = TestPictures.Gradient(40, 30);
        var png = source.PngsaveBuffer();
        var input = await _harness.Context.PutAsync(PortType.Image, "image/png", png[..(png.Length / 2)], Ct);

        var error = await _harness.FailAsync(BuiltInNodeTypes.Resize, new { width = 10, height = 10 }, Inputs(("image", input)));

        Assert.StartsWith("takt.resize: input 'image' is not a decodable image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resize_NotAnImage_PermanentErrorNamingThePort()
    {
        var input = await _harness.Context.PutAsync(PortType.Image, "image/png", "hello, not a picture"u8.ToArray(), Ct);

        var error = await _harness.FailAsync(BuiltInNodeTypes.Resize, new { width = 10, height = 10 }, Inputs(("image", input)));

        Assert.Contains("input 'image' is not a decodable image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resize_TextOnTheImagePort_PermanentErrorNamingTheType()
    {
        var error = await _harness.FailAsync(BuiltInNodeTypes.Resize, new { width = 10, height = 10 }, Inputs(("image", InlineValues.Text("x"))));

        Assert.Contains("input 'image' must be Image, not Text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resize_MissingRequiredParameter_PermanentError()
    {
        using var source = TestPictures.Gradient(4, 4);
        var input = await _harness.PutPngAsync(source);

        var error = await _harness.FailAsync(BuiltInNodeTypes.Resize, new { width = 10 }, Inputs(("image", input)));

        Assert.Contains("parameter 'height' is required", error.Message, StringComparison.Ordinal);
    }

    internal static Dictionary<string, PortValue> Inputs(params (string Port, PortValue Value)[] inputs) =>
        inputs.ToDictionary(i => i.Port, i => i.Value, StringComparer.Ordinal);
}
