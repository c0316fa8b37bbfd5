using CsCheck;
using Takt.Media.Compositing;
using Takt.Media.Frames;

namespace Takt.Media.Tests.Compositing;

public sealed class FrameCompositorTests
{
    private static readonly (byte, byte, byte) Black = (0, 0, 0);

    [Fact]
    public void OpaqueLayerAtRest_IsCopiedExactly()
    {
        var layer = Gradient(32, 16);
        var frame = Compose(32, 16, [new LayerPlacement(layer, 16, 8)], CameraPose.Rest(32, 16));

        for (var p = 0; p < 32 * 16; p++)
        {
            Assert.Equal(layer.Pixels[p * 4], frame[p * 3]);
            Assert.Equal(layer.Pixels[(p * 4) + 1], frame[(p * 3) + 1]);
            Assert.Equal(layer.Pixels[(p * 4) + 2], frame[(p * 3) + 2]);
        }
    }

    [Fact]
    public void HalfOpacityRedOverBlue_MixesEvenly()
    {
        var frame = Compose(8, 8, [new LayerPlacement(RgbaImage.Solid(8, 8, 255, 0, 0), 4, 4, Opacity: 0.5)], CameraPose.Rest(8, 8), (0, 0, 255));

        Assert.Equal((128, 0, 128), Pixel(frame, 8, 3, 3), Near);
    }

    [Theory]
    [InlineData(1.0, 10)]
    [InlineData(0.5, 5)]
    [InlineData(0.0, 0)]
    public void CameraPan_MovesLayersByTheirDepth(double depth, int shift)
    {
        var layer = Gradient(64, 16);
        var rest = CameraPose.Rest(64, 16);

        var frame = Compose(64, 16, [new LayerPlacement(layer, 32, 8, Depth: depth)], rest with { X = rest.X + 10 });

        // The camera moved right, so the world (in proportion to depth) moves left on screen.
        Assert.Equal(Pixel(layer.Pixels, 4, 64, 20 + shift, 5), Pixel(frame, 64, 20, 5));
    }

    [Fact]
    public void Zoom_KeepsTheCentreAndMagnifiesAroundIt()
    {
        var layer = RgbaImage.Solid(40, 40, 0, 255, 0);
        var frame = Compose(80, 80, [new LayerPlacement(layer, 40, 40)], CameraPose.Rest(80, 80) with { Zoom = 2 });

        // A 40 px square at the centre becomes 80 px: it fills the frame.
        Assert.Equal((0, 255, 0), Pixel(frame, 80, 1, 1), Near);
        Assert.Equal((0, 255, 0), Pixel(frame, 80, 78, 78), Near);
        var unzoomed = Compose(80, 80, [new LayerPlacement(layer, 40, 40)], CameraPose.Rest(80, 80));
        Assert.Equal((0, 0, 0), Pixel(unzoomed, 80, 1, 1));
    }

    [Theory]
    [InlineData(BlendMode.Multiply, 255, 255, 255, 100, 150, 200)]
    [InlineData(BlendMode.Screen, 0, 0, 0, 100, 150, 200)]
    [InlineData(BlendMode.Add, 200, 200, 200, 255, 255, 255)]
    [InlineData(BlendMode.Normal, 10, 20, 30, 10, 20, 30)]
    public void BlendModes_OnSolidColours(BlendMode blend, byte r, byte g, byte b, int er, int eg, int eb)
    {
        var frame = Compose(4, 4, [new LayerPlacement(RgbaImage.Solid(4, 4, r, g, b), 2, 2, Blend: blend)], CameraPose.Rest(4, 4), (100, 150, 200));

        Assert.Equal((er, eg, eb), Pixel(frame, 4, 1, 1), Near);
    }

    [Fact]
    public void NonFinitePlacement_IsSkipped_NotAnException()
    {
        var frame = Compose(4, 4, [new LayerPlacement(RgbaImage.Solid(4, 4, 255, 255, 255), double.NaN, 2)], CameraPose.Rest(4, 4));

        Assert.All(frame, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Over_MatchesTheFormula_ForAnyColoursAndOpacities()
    {
        Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte, Gen.Byte, Gen.Byte, Gen.Double[0, 1]).Sample((r, a, under, opacityBase, g, opacity) =>
        {
            var layer = RgbaImage.FromStraight(2, 2, Enumerable.Repeat(new[] { r, g, (byte)0, a }, 4).SelectMany(x => x).ToArray());
            var frame = Compose(2, 2, [new LayerPlacement(layer, 1, 1, Opacity: opacity)], CameraPose.Rest(2, 2), (under, opacityBase, 0));
            var alpha = a / 255.0 * opacity;
            var expectedR = (Math.Round(r * a / 255.0) / 255.0 * opacity * 255) + (under * (1 - alpha));
            var expectedG = (Math.Round(g * a / 255.0) / 255.0 * opacity * 255) + (opacityBase * (1 - alpha));
            Assert.InRange(frame[0], expectedR - 1.01, expectedR + 1.01);
            Assert.InRange(frame[1], expectedG - 1.01, expectedG + 1.01);
        });
    }

    [Fact]
    public void ResampledPath_AgreesWithTheWholePixelPath_WhenTheTransformIsAlmostIdentity()
    {
        Gen.Int[0, 1000].Sample(seed =>
        {
            var layer = Noise(24, 12, seed);
            var exact = Compose(24, 12, [new LayerPlacement(layer, 12, 6)], CameraPose.Rest(24, 12));
            // A hair off 1:1: the same pixels, but through the bilinear sampler.
            var turned = Compose(24, 12, [new LayerPlacement(layer, 12, 6, Scale: 1.0000001)], CameraPose.Rest(24, 12));
            for (var i = 0; i < exact.Length; i++)
            {
                // The sampler may give a neighbour 1/256 of the weight: colour and alpha can each move an LSB.
                Assert.True(Math.Abs(turned[i] - exact[i]) <= 2, $"byte {i} (pixel {i / 3 % 24}, {i / 3 / 24}): {turned[i]} resampled, {exact[i]} exact");
            }
        }, iter: 50);
    }

    private static readonly IEqualityComparer<(int, int, int)> Near = EqualityComparer<(int, int, int)>.Create(
        (a, b) => Math.Abs(a.Item1 - b.Item1) <= 1 && Math.Abs(a.Item2 - b.Item2) <= 1 && Math.Abs(a.Item3 - b.Item3) <= 1, _ => 0);

    private static byte[] Compose(int width, int height, IReadOnlyList<LayerPlacement> layers, CameraPose camera, (byte, byte, byte)? background = null)
    {
        var compositor = new FrameCompositor(width, height);
        var frame = new byte[compositor.Rgb24Length];
        compositor.Compose(layers, camera, background ?? Black, frame);
        return frame;
    }

    private static (int, int, int) Pixel(byte[] rgb, int width, int x, int y) => Pixel(rgb, 3, width, x, y);

    private static (int, int, int) Pixel(byte[] pixels, int channels, int width, int x, int y)
    {
        var i = ((y * width) + x) * channels;
        return (pixels[i], pixels[i + 1], pixels[i + 2]);
    }

    private static RgbaImage Gradient(int width, int height)
    {
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = ((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x + y) % 256), 255);
            }
        }

        return new RgbaImage(width, height, pixels);
    }

    private static RgbaImage Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        var straight = new byte[width * height * 4];
        random.NextBytes(straight);
        return RgbaImage.FromStraight(width, height, straight);
    }
}
