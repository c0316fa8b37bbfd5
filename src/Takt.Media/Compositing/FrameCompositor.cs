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

    public FrameCompositor(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The frame's bytes as the encoder takes them: R, G, B per pixel, rows packed.</summary>
    public int Rgb24Length => Width * Height * 3;

    /// <summary>Composites <paramref name="layers"/> (bottom first) over an opaque background and writes RGB24.</summary>
    public unsafe void Compose(IReadOnlyList<LayerPlacement> layers, CameraPose camera, (byte R, byte G, byte B) background, Span<byte> rgb24)
    {
        if (rgb24.Length != Rgb24Length)
        {
            throw new ArgumentException($"a {Width}x{Height} RGB frame has {Rgb24Length} bytes, not {rgb24.Length}", nameof(rgb24));
        }

        var visible = new List<PlacedLayer>(layers.Count);
        foreach (var layer in layers)
        {
            if (!(layer.Opacity > 0) || !double.IsFinite(layer.X) || !double.IsFinite(layer.Y) || !(layer.Scale > 0) || !double.IsFinite(layer.Rotation))
            {
                // Invisible, or placed nowhere a frame can show (the timeline refuses NaN before it gets here).
                continue;
            }

            var transform = LayerTransform.Of(layer, camera, Width, Height);
            var (left, top, right, bottom) = transform.Bounds(Width, Height);
            if (left < right && top < bottom)
            {
                var whole = transform.IsWholePixelShift(out var shiftX, out var shiftY);
                visible.Add(new PlacedLayer(layer, transform, left, top, right, bottom, (uint)Math.Round(Math.Clamp(layer.Opacity, 0, 1) * One), whole, shiftX, shiftY));
            }
        }

        // Row by row, every layer at once: the row's 16-bit accumulator stays in cache while all
        // layers blend into it, instead of a whole-frame accumulator streaming through memory once
        // per layer. Bands of rows go to the cores.
        var (width, rows) = (Width, Height);
        var fill = (R: (ushort)(background.R * 257), G: (ushort)(background.G * 257), B: (ushort)(background.B * 257));
        fixed (byte* output = rgb24)
        {
            var address = (nint)output;
            Parallel.For(0, Bands(rows), band =>
            {
                var (from, to) = Band(band, 0, rows);
                var buffer = System.Buffers.ArrayPool<ushort>.Shared.Rent(width * 4);
                try
                {
                    fixed (ushort* row = buffer)
                    {
                        for (var y = from; y < to; y++)
                        {
                            FillRow(row, width, fill);
                            foreach (var placed in visible)
                            {
                                if (y < placed.Top || y >= placed.Bottom)
                                {
                                    continue;
                                }

                                if (placed.Whole)
                                {
                                    ShiftedRow(row, placed.Layer, y, placed.Left, placed.Right, placed.ShiftX, placed.ShiftY, placed.Opacity);
                                }
                                else
                                {
                                    ResampledRow(row, placed.Layer, placed.Transform, y, placed.Left, placed.Right, placed.Opacity);
                                }
                            }

                            ResolveRow(row, (byte*)address + ((long)y * width * 3), width);
                        }
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<ushort>.Shared.Return(buffer);
                }
            });
        }
    }

    private static unsafe void FillRow(ushort* row, int width, (ushort R, ushort G, ushort B) background)
    {
        var pixel = (ulong)background.R | ((ulong)background.G << 16) | ((ulong)background.B << 32) | ((ulong)One << 48);
        new Span<ulong>(row, width).Fill(pixel);
    }

    private static unsafe void ResolveRow(ushort* row, byte* target, int width)
    {
        // The background is opaque, so every pixel is too: premultiplied equals straight here.
        var table = To8;
        for (var p = 0; p < width; p++)
        {
            target[p * 3] = table[row[p * 4]];
            target[(p * 3) + 1] = table[row[(p * 4) + 1]];
            target[(p * 3) + 2] = table[row[(p * 4) + 2]];
        }
    }

    /// <summary>A layer ready to blend: its transform, the screen rectangle it reaches, opacity in 16 bits, and whether it sits on whole pixels.</summary>
    private sealed record PlacedLayer(LayerPlacement Layer, LayerTransform Transform, int Left, int Top, int Right, int Bottom, uint Opacity, bool Whole, int ShiftX, int ShiftY);

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
