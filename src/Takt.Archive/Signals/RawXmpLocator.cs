using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Takt.Archive.Signals;

/// <summary>
/// Finds an XMP packet in file bytes when no decoder handed one over. PNG keeps XMP in an
/// <c>iTXt</c> or <c>zTXt</c> chunk that encoders (libvips among them) zlib-compress, so those chunks are read
/// properly; other containers (JPEG APP1, TIFF, PSD) store it as plain text, found by a byte search.
/// </summary>
internal static class RawXmpLocator
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static string? Find(ReadOnlySpan<byte> file) =>
        (file.StartsWith(PngSignature) ? FindInPngText(file) : null) ?? FindPlain(file);

    private static string? FindPlain(ReadOnlySpan<byte> file)
    {
        var start = file.IndexOf("<x:xmpmeta"u8);
        if (start < 0)
        {
            return null;
        }

        ReadOnlySpan<byte> endTag = "</x:xmpmeta>"u8;
        var length = file[start..].IndexOf(endTag);
        return length < 0 || length > XmpConsentReader.MaxPacketChars
            ? null
            : Encoding.UTF8.GetString(file.Slice(start, length + endTag.Length));
    }

    private static string? FindInPngText(ReadOnlySpan<byte> file)
    {
        var position = PngSignature.Length;
        while (file.Length - position >= 12)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(file.Slice(position, 4));
            if (length > (uint)(file.Length - position - 12))
            {
                return null;
            }

            var type = file.Slice(position + 4, 4);
            if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8))
            {
                return null; // libvips and most encoders write metadata before the image data
            }

            var data = file.Slice(position + 8, (int)length);
            var packet = type.SequenceEqual("iTXt"u8) ? ReadInternationalText(data)
                : type.SequenceEqual("zTXt"u8) ? ReadCompressedText(data)
                : null;
            if (packet is not null)
            {
                return packet;
            }

            position += 12 + (int)length;
        }

        return null;
    }

    private static ReadOnlySpan<byte> XmpKeyword => "XML:com.adobe.xmp\0"u8;

    /// <summary>zTXt (what libvips writes): keyword NUL, compression method, zlib data.</summary>
    private static string? ReadCompressedText(ReadOnlySpan<byte> data) =>
        data.StartsWith(XmpKeyword) && data.Length > XmpKeyword.Length + 1
            ? Inflate(data[(XmpKeyword.Length + 1)..].ToArray())
            : null;

    /// <summary>iTXt: keyword NUL, compression flag, method, language NUL, translated keyword NUL, text.</summary>
    private static string? ReadInternationalText(ReadOnlySpan<byte> data)
    {
        var keyword = XmpKeyword;
        if (!data.StartsWith(keyword) || data.Length < keyword.Length + 2)
        {
            return null;
        }

        var compressed = data[keyword.Length] == 1;
        var rest = data[(keyword.Length + 2)..];
        for (var i = 0; i < 2; i++)
        {
            var nul = rest.IndexOf((byte)0);
            if (nul < 0)
            {
                return null;
            }

            rest = rest[(nul + 1)..];
        }

        return compressed ? Inflate(rest.ToArray()) : Encoding.UTF8.GetString(rest);
    }

    private static string? Inflate(byte[] compressed)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            // Read at most one byte past the packet cap so a zlib bomb costs no more than that.
            var buffer = new byte[XmpConsentReader.MaxPacketChars + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = zlib.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            return total > XmpConsentReader.MaxPacketChars ? null : Encoding.UTF8.GetString(buffer, 0, total);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
