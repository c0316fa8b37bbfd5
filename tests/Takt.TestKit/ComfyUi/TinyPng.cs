using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Takt.TestKit.ComfyUi;

/// <summary>
/// A minimal PNG encoder (8-bit RGB, no filtering) so the fake ComfyUI can save real, decodable
/// images whose pixels follow from the prompt, without an imaging dependency in the test kit.
/// </summary>
public static class TinyPng
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>An image whose colours are a gradient tinted by <paramref name="seed"/>'s bytes.</summary>
    public static byte[] Render(int width, int height, ReadOnlySpan<byte> seed)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                pixels[i] = (byte)(seed[0] + (x * 255 / Math.Max(1, width - 1)));
                pixels[i + 1] = (byte)(seed[1] + (y * 255 / Math.Max(1, height - 1)));
                pixels[i + 2] = (byte)(seed[2] ^ seed[(x + y) % seed.Length]);
            }
        }

        return Encode(width, height, pixels);
    }

    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgb)
    {
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(rgb.Slice(y * width * 3, width * 3));
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        png.Write(word);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
