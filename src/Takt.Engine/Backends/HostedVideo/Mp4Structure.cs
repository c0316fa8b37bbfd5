using System.Buffers.Binary;

namespace Takt.Engine.Backends.HostedVideo;

/// <summary>
/// Checks that a file is a whole MP4 by walking its top-level boxes: the first is <c>ftyp</c>,
/// every box fits inside the file and they end exactly at its end, and a <c>moov</c> is present.
/// That catches a download cut short even where no Content-Length was sent (chunked replies),
/// and an error page served with a 200.
/// </summary>
internal static class Mp4Structure
{
    /// <summary>Null when the file is a complete MP4; otherwise what is wrong with it.</summary>
    public static async Task<string?> ProblemAsync(Stream file, CancellationToken cancellationToken)
    {
        var length = file.Length;
        var header = new byte[16];
        long offset = 0;
        var boxes = 0;
        var sawMoov = false;
        while (offset < length)
        {
            if (length - offset < 8)
            {
                return $"{length - offset} stray bytes after the last box at offset {offset}";
            }

            file.Position = offset;
            await file.ReadExactlyAsync(header.AsMemory(0, 8), cancellationToken);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
            if (boxes == 0 && !string.Equals(type, "ftyp", StringComparison.Ordinal))
            {
                return "it does not start with an 'ftyp' box";
            }

            if (size == 1)
            {
                if (length - offset < 16)
                {
                    return $"the '{type}' box header is cut off";
                }

                await file.ReadExactlyAsync(header.AsMemory(8, 8), cancellationToken);
                size = checked((long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)));
            }
            else if (size == 0)
            {
                size = length - offset;
            }

            if (size < 8)
            {
                return $"the '{type}' box at offset {offset} has an impossible size {size}";
            }

            if (offset + size > length)
            {
                return $"the '{type}' box at offset {offset} needs {size} bytes but only {length - offset} arrived";
            }

            sawMoov |= string.Equals(type, "moov", StringComparison.Ordinal);
            offset += size;
            boxes++;
        }

        return boxes == 0 ? "it is empty" : sawMoov ? null : "it has no 'moov' box";
    }
}
