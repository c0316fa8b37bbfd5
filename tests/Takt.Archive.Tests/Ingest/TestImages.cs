using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;
using Takt.Archive.Signals;

namespace Takt.Archive.Tests.Ingest;

/// <summary>Small images for ingest tests, drawn with libvips or built chunk by chunk.</summary>
internal static class TestImages
{
    /// <summary>An RGB gradient; <paramref name="seed"/> shifts it so each call can give different bytes.</summary>
    public static Image Gradient(int size = 64, int seed = 0)
    {
        using var xyz = Image.Xyz(size, size);
        using var x = xyz[0];
        using var y = xyz[1];
        using var sum = (x + y + seed) / 2;
        using var joined = (x + seed).Bandjoin(y, sum);
        using var bytes = joined.Cast(Enums.BandFormat.Uchar);
        return bytes.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    public static byte[] Png(int seed = 0, int compression = 6)
    {
        using var image = Gradient(seed: seed);
        return image.PngsaveBuffer(compression: compression);
    }

    /// <summary>A PNG whose pixels do not compress, so cutting it in half loses most of them.</summary>
    public static byte[] NoisyPng()
    {
        using var noise = Image.Gaussnoise(256, 256, mean: 128, sigma: 60);
        using var bytes = noise.Cast(Enums.BandFormat.Uchar);
        return bytes.PngsaveBuffer(compression: 1);
    }

    public static byte[] Jpeg()
    {
        using var image = Gradient(seed: 7);
        return image.JpegsaveBuffer();
    }

    /// <summary>
    /// A valid PNG signature and IHDR (with correct CRCs) claiming <paramref name="width"/>×<paramref name="height"/>,
    /// followed by a tiny IDAT: only a decoder that trusts the header before checking the pixel cap would try to allocate it.
    /// </summary>
    public static byte[] ClaimedSizePng(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        WriteChunk(png, "IHDR", header);
        using (var zlib = new MemoryStream())
        {
            using (var deflate = new ZLibStream(zlib, CompressionLevel.Optimal, leaveOpen: true))
            {
                deflate.Write(new byte[64]);
            }

            WriteChunk(png, "IDAT", zlib.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute(typed));
        png.Write(crc);
    }
}
