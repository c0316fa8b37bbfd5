namespace Takt.Media.Compositing;

/// <summary>
/// Composites layers into frames of one size: each layer placed in the world and seen through the
/// camera (with parallax by depth), resampled bilinearly unless it sits on whole pixels, blended
/// bottom to top with premultiplied alpha into a 16-bit-per-channel accumulator (so many
/// semi-transparent layers do not band), then rounded once to 8-bit RGB for the encoder. Rows are
/// split across cores. One compositor per render: it owns its accumulator.
/// </summary>
public sealed partial class FrameCompositor
{
    private const int One = 65535;

    private readonly ushort[] _accumulator;

    public FrameCompositor(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        Width = width;
        Height = height;
        _accumulator = new ushort[(long)width * height * 4];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The frame's bytes as the encoder takes them: R, G, B per pixel, rows packed.</summary>
    public int Rgb24Length => Width * Height * 3;

    /// <summary>Composites <paramref name="layers"/> (bottom first) over an opaque background and writes RGB24.</summary>
    public void Compose(IReadOnlyList<LayerPlacement> layers, CameraPose camera, (byte R, byte G, byte B) background, Span<byte> rgb24)
    {
        if (rgb24.Length != Rgb24Length)
        {
            throw new ArgumentException($"a {Width}x{Height} RGB frame has {Rgb24Length} bytes, not {rgb24.Length}", nameof(rgb24));
        }

        Fill(background);
        foreach (var layer in layers)
        {
            if (!(layer.Opacity > 0) || !double.IsFinite(layer.X) || !double.IsFinite(layer.Y) || !(layer.Scale > 0) || !double.IsFinite(layer.Rotation))
            {
                // Invisible, or placed nowhere a frame can show (the timeline refuses NaN before it gets here).
                continue;
            }

            Blend(layer, LayerTransform.Of(layer, camera, Width, Height));
        }

        Resolve(rgb24);
    }

    private void Fill((byte R, byte G, byte B) background)
    {
        var (r, g, b) = ((ushort)(background.R * 257), (ushort)(background.G * 257), (ushort)(background.B * 257));
        var span = _accumulator.AsSpan();
        for (var i = 0; i < span.Length; i += 4)
        {
            span[i] = r;
            span[i + 1] = g;
            span[i + 2] = b;
            span[i + 3] = One;
        }
    }

    private void Blend(LayerPlacement layer, LayerTransform transform)
    {
        var (left, top, right, bottom) = transform.Bounds(Width, Height);
        if (left >= right || top >= bottom)
        {
            return;
        }

        var opacity = (uint)Math.Round(Math.Clamp(layer.Opacity, 0, 1) * One);
        var whole = transform.IsWholePixelShift(out var shiftX, out var shiftY);
        Parallel.For(0, Bands(bottom - top), band =>
        {
            var (from, to) = Band(band, top, bottom);
            for (var y = from; y < to; y++)
            {
                if (whole)
                {
                    ShiftedRow(layer, y, left, right, shiftX, shiftY, opacity);
                }
                else
                {
                    ResampledRow(layer, transform, y, left, right, opacity);
                }
            }
        });
    }

    private unsafe void Resolve(Span<byte> rgb24)
    {
        var accumulator = _accumulator;
        var rows = Height;
        var width = Width;
        fixed (byte* output = rgb24)
        {
            var address = (nint)output;
            Parallel.For(0, Bands(rows), band =>
            {
                var (from, to) = Band(band, 0, rows);
                var target = (byte*)address;
                for (var p = from * width; p < to * width; p++)
                {
                    // The background is opaque, so every pixel is too: premultiplied equals straight here.
                    target[p * 3] = To8[accumulator[p * 4]];
                    target[(p * 3) + 1] = To8[accumulator[(p * 4) + 1]];
                    target[(p * 3) + 2] = To8[accumulator[(p * 4) + 2]];
                }
            });
        }
    }

    private static int Bands(int rows) => Math.Max(1, Math.Min(rows, Environment.ProcessorCount * 4));

    private static (int From, int To) Band(int band, int top, int bottom)
    {
        var bands = Bands(bottom - top);
        var rows = bottom - top;
        return (top + (int)((long)rows * band / bands), top + (int)((long)rows * (band + 1) / bands));
    }

    /// <summary>16-bit to 8-bit, rounded: a table, since a division per channel per pixel is most of a frame's resolve time.</summary>
    private static readonly byte[] To8 = [.. Enumerable.Range(0, 65536).Select(v => (byte)(((v * 255u) + 32767u) / 65535u))];

    /// <summary>x / 65535 rounded, exact for every product of two 16-bit values.</summary>
    private static uint Div(uint x) => (x + 32768u + ((x + 32768u) >> 16)) >> 16;
}
