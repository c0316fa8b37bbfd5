using System.Buffers.Binary;

namespace Takt.Provenance.C2pa.Containers;

/// <summary>
/// Reads a JPEG's marker segments up to (not including) the first SOS, leaving the stream there,
/// so the entropy-coded data after it can be copied without being looked at.
/// </summary>
internal static class JpegSegments
{
    /// <summary>Headers larger than this are not a real JPEG's metadata.</summary>
    private const long MaxHeaderBytes = 256L * 1024 * 1024;

    public static async Task<List<JpegSegment>> ReadHeaderAsync(Stream stream, CancellationToken cancellationToken)
    {
        stream.Position = 0;
        var soi = new byte[2];
        await stream.ReadExactlyAsync(soi, cancellationToken);
        if (soi[0] != 0xFF || soi[1] != 0xD8)
        {
            throw new C2paFormatException("the file is not a JPEG (no SOI marker)");
        }

        var segments = new List<JpegSegment>();
        var header = new byte[4];
        long total = 0;
        while (true)
        {
            var at = stream.Position;
            // A marker is two bytes (EOI needs no more); any other segment has a length after it.
            if (stream.Length - at < 2)
            {
                throw new C2paFormatException($"the JPEG ends at offset {at} before its image data");
            }

            await stream.ReadExactlyAsync(header.AsMemory(0, 2), cancellationToken);
            if (header[0] != 0xFF)
            {
                throw new C2paFormatException($"a JPEG marker was expected at offset {at}");
            }

            var marker = header[1];
            if (marker is 0xDA or 0xD9)
            {
                stream.Position = at; // the scan (or the end) is copied as it is
                return segments;
            }

            if (stream.Length - stream.Position < 2)
            {
                throw new C2paFormatException($"the JPEG ends at offset {at} before its image data");
            }

            await stream.ReadExactlyAsync(header.AsMemory(2, 2), cancellationToken);
            int length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
            if (length < 2 || length - 2 > stream.Length - stream.Position)
            {
                throw new C2paFormatException($"the JPEG segment at offset {at} claims {length} bytes, past the end of the file");
            }

            total += length + 2;
            if (total > MaxHeaderBytes)
            {
                throw new C2paFormatException($"the JPEG's metadata segments exceed {MaxHeaderBytes} bytes");
            }

            var bytes = new byte[length + 2];
            header.CopyTo(bytes, 0);
            await stream.ReadExactlyAsync(bytes.AsMemory(4), cancellationToken);
            segments.Add(new JpegSegment(marker, bytes));
        }
    }
}
