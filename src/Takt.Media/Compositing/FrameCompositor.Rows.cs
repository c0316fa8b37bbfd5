using System.Runtime.Intrinsics;

namespace Takt.Media.Compositing;

public sealed partial class FrameCompositor
{
    /// <summary>A layer on whole pixels: layer pixel (x − shiftX, y − shiftY) lands on screen (x, y).</summary>
    private static unsafe void ShiftedRow(ushort* row, LayerPlacement layer, int y, int left, int right, int shiftX, int shiftY, uint opacity)
    {
        var image = layer.Image;
        var v = y - shiftY;
        if (v < 0 || v >= image.Height)
        {
            return;
        }

        var from = Math.Max(left, shiftX);
        var to = Math.Min(right, shiftX + image.Width);
        var source = image.Pixels.AsSpan(((v * image.Width) + (from - shiftX)) * 4, Math.Max(0, to - from) * 4);
        var target = new Span<ushort>(row + (from * 4), Math.Max(0, to - from) * 4);
        for (var i = 0; i < source.Length; i += 4)
        {
            var a = source[i + 3];
            if (a == 0)
            {
                continue;
            }

            // 8-bit to 16-bit (×257), then opacity.
            var sr = Div(source[i] * 257u * opacity);
            var sg = Div(source[i + 1] * 257u * opacity);
            var sb = Div(source[i + 2] * 257u * opacity);
            var sa = Div(a * 257u * opacity);
            Put(target.Slice(i, 4), sr, sg, sb, sa, layer.Blend);
        }
    }

    /// <summary>
    /// A transformed layer: each screen pixel's centre mapped back into the layer and sampled
    /// bilinearly. The mapping is affine, so along a row the layer point moves by a constant step:
    /// it is walked in 16.16 fixed point, and pixels are read and written through pointers (the
    /// bounds are established once per sample: inside, or the careful edge path).
    /// </summary>
    private static unsafe void ResampledRow(ushort* row, LayerPlacement layer, LayerTransform transform, int y, int left, int right, uint opacity)
    {
        var image = layer.Image;
        var (w, h) = (image.Width, image.Height);
        var (u0, v0) = transform.Inverse(left + 0.5, y + 0.5);
        var (u1, v1) = transform.Inverse(left + 1.5, y + 0.5);
        const double Fixed = 65536;
        // Pixel-centre coordinates to sample-grid coordinates (−0.5), in 1/65536ths.
        var u = (long)Math.Round((u0 - 0.5) * Fixed);
        var v = (long)Math.Round((v0 - 0.5) * Fixed);
        var du = (long)Math.Round((u1 - u0) * Fixed);
        var dv = (long)Math.Round((v1 - v0) * Fixed);
        var (limitU, limitV) = ((long)w << 16, (long)h << 16);
        var full = opacity == One;
        var normal = layer.Blend == BlendMode.Normal;
        fixed (byte* pixels = image.Pixels)
        {
            for (var x = left; x < right; x++, u += du, v += dv)
            {
                if (u <= -Fixed || v <= -Fixed || u >= limitU || v >= limitV)
                {
                    continue;
                }

                var ux = (int)(u >> 16);
                var vy = (int)(v >> 16);
                var fx = (uint)((u >> 8) & 0xFF);
                var fy = (uint)((v >> 8) & 0xFF);
                uint r = 0, g = 0, b = 0, a = 0;
                if (ux >= 0 && vy >= 0 && ux + 1 < w && vy + 1 < h)
                {
                    var p0 = pixels + (((vy * w) + ux) * 4);
                    var p1 = p0 + (w * 4);
                    var alphas = p0[3] | p0[7] | p1[3] | p1[7];
                    if (alphas == 0)
                    {
                        continue;
                    }

                    // Both neighbours of a row at once, four channels per lane group: the horizontal
                    // lerp fits 16 bits (255 × 256), the vertical one is done in 32.
                    var horizontal = Vector128.Create((ushort)(256 - fx), (ushort)(256 - fx), (ushort)(256 - fx), (ushort)(256 - fx), (ushort)fx, (ushort)fx, (ushort)fx, (ushort)fx);
                    var top = Vector128.WidenLower(Vector128.CreateScalarUnsafe(*(ulong*)p0).AsByte()) * horizontal;
                    var bottom = Vector128.WidenLower(Vector128.CreateScalarUnsafe(*(ulong*)p1).AsByte()) * horizontal;
                    var upper = Vector128.WidenLower(top) + Vector128.WidenUpper(top);
                    var lower = Vector128.WidenLower(bottom) + Vector128.WidenUpper(bottom);
                    var sum = (upper * (256 - fy)) + (lower * fy);
                    if (normal)
                    {
                        // The common case, all in lanes: to 16 bits, opacity, then source over.
                        BlendNormal(row + (x * 4), sum, full ? One : opacity);
                        continue;
                    }

                    (r, g, b, a) = (sum.GetElement(0), sum.GetElement(1), sum.GetElement(2), sum.GetElement(3));
                }
                else
                {
                    // At the layer's edge: weights in 1/65536ths (256 × 256), missing neighbours transparent.
                    var w00 = (256 - fx) * (256 - fy);
                    var w10 = fx * (256 - fy);
                    var w01 = (256 - fx) * fy;
                    var w11 = fx * fy;
                    var span = new ReadOnlySpan<byte>(pixels, w * h * 4);
                    Accumulate(span, w, h, ux, vy, w00, ref r, ref g, ref b, ref a);
                    Accumulate(span, w, h, ux + 1, vy, w10, ref r, ref g, ref b, ref a);
                    Accumulate(span, w, h, ux, vy + 1, w01, ref r, ref g, ref b, ref a);
                    Accumulate(span, w, h, ux + 1, vy + 1, w11, ref r, ref g, ref b, ref a);
                    if (a == 0)
                    {
                        continue;
                    }
                }

                // Sums are 8-bit × 65536; to 16-bit is × 257 / 65536, then opacity.
                var target = new Span<ushort>(row + (x * 4), 4);
                if (full)
                {
                    Put(target, To16(r), To16(g), To16(b), To16(a), layer.Blend);
                }
                else
                {
                    Put(target, Div(To16(r) * opacity), Div(To16(g) * opacity), Div(To16(b) * opacity), Div(To16(a) * opacity), layer.Blend);
                }
            }
        }
    }

    /// <summary>
    /// Source over for one pixel from its bilinear sums (8-bit × 65536 per channel): × 257 / 65536
    /// to 16 bits (fits 32 bits: 255 × 65536 × 257 &lt; 2³²), opacity, then d = s + d × (1 − αs).
    /// </summary>
    private static unsafe void BlendNormal(ushort* d, Vector128<uint> sum, uint opacity)
    {
        var source = ((sum * 257u) + Vector128.Create(32768u)) >> 16;
        Over(d, opacity == One ? source : DivLanes(source * opacity));
    }

    /// <summary>The one source-over: d = s + d × (1 − αs), a premultiplied 16-bit source in four lanes.</summary>
    private static unsafe void Over(ushort* d, Vector128<uint> source)
    {
        var alpha = source.GetElement(3);
        if (alpha == 0)
        {
            return;
        }

        if (alpha != One)
        {
            var under = Vector128.WidenLower(Vector128.CreateScalarUnsafe(*(ulong*)d).AsUInt16());
            source = Vector128.Min(source + DivLanes(under * (One - alpha)), Vector128.Create((uint)One));
        }

        *(ulong*)d = Vector128.Narrow(source, source).AsUInt64().ToScalar();
    }

    /// <summary><see cref="Div"/> in four lanes.</summary>
    private static Vector128<uint> DivLanes(Vector128<uint> x)
    {
        var rounded = x + Vector128.Create(32768u);
        return (rounded + (rounded >> 16)) >> 16;
    }

    private static uint To16(uint weighted) => (uint)(((ulong)weighted * 257 + 32768) >> 16);

    private static void Accumulate(ReadOnlySpan<byte> pixels, int w, int h, int x, int y, uint weight, ref uint r, ref uint g, ref uint b, ref uint a)
    {
        if (weight == 0 || x < 0 || y < 0 || x >= w || y >= h)
        {
            return;
        }

        var i = ((y * w) + x) * 4;
        r += pixels[i] * weight;
        g += pixels[i + 1] * weight;
        b += pixels[i + 2] * weight;
        a += pixels[i + 3] * weight;
    }

    /// <summary>Blends one premultiplied 16-bit source pixel into the accumulator.</summary>
    private static unsafe void Put(Span<ushort> d, uint sr, uint sg, uint sb, uint sa, BlendMode blend)
    {
        if (blend == BlendMode.Normal)
        {
            fixed (ushort* pixel = d)
            {
                Over(pixel, Vector128.Create(sr, sg, sb, sa));
            }

            return;
        }

        uint dr = d[0], dg = d[1], db = d[2], da = d[3];
        var keep = One - sa;
        switch (blend)
        {
            case BlendMode.Add:
                dr = Math.Min(One, sr + dr);
                dg = Math.Min(One, sg + dg);
                db = Math.Min(One, sb + db);
                break;
            case BlendMode.Multiply:
                var clear = One - da;
                dr = Math.Min(One, Div(sr * dr) + Div(sr * clear) + Div(dr * keep));
                dg = Math.Min(One, Div(sg * dg) + Div(sg * clear) + Div(dg * keep));
                db = Math.Min(One, Div(sb * db) + Div(sb * clear) + Div(db * keep));
                break;
            default:
                // Screen.
                dr = sr + dr - Div(sr * dr);
                dg = sg + dg - Div(sg * dg);
                db = sb + db - Div(sb * db);
                break;
        }

        d[0] = (ushort)Math.Min(One, dr);
        d[1] = (ushort)Math.Min(One, dg);
        d[2] = (ushort)Math.Min(One, db);
        d[3] = (ushort)Math.Min(One, sa + Div(da * keep));
    }
}
