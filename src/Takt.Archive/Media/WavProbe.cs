using System.Buffers.Binary;

namespace Takt.Archive.Media;

/// <summary>Reads a RIFF/WAVE header for rate, channels, depth and duration; no decoder needed.</summary>
public static class WavProbe
{
    public static async Task<MediaFacts> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
        if (file.Length < 44)
        {
            throw new MediaProbeException($"not a readable WAV file: {file.Length} bytes is shorter than any WAV header");
        }

        var riff = new byte[12];
        await file.ReadExactlyAsync(riff, cancellationToken);
        int? channels = null, rate = null, bits = null;
        long? dataBytes = null;
        var chunk = new byte[8];
        while (file.Position + 8 <= file.Length && (channels is null || dataBytes is null))
        {
            await file.ReadExactlyAsync(chunk, cancellationToken);
            var id = System.Text.Encoding.ASCII.GetString(chunk, 0, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            if (id == "fmt " && size >= 16)
            {
                var fmt = new byte[16];
                await file.ReadExactlyAsync(fmt, cancellationToken);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(2));
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(fmt.AsSpan(4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(14));
                file.Seek(size - 16 + (size & 1), SeekOrigin.Current);
            }
            else if (id == "data")
            {
                dataBytes = Math.Min(size, file.Length - file.Position);
                file.Seek(size + (size & 1), SeekOrigin.Current);
            }
            else
            {
                file.Seek(size + (size & 1), SeekOrigin.Current);
            }
        }

        if (channels is not > 0 || rate is not > 0 || bits is not > 0 || dataBytes is null)
        {
            throw new MediaProbeException("not a readable WAV file: the fmt or data chunk is missing or invalid");
        }

        var frames = dataBytes.Value / (channels.Value * Math.Max(1, bits.Value / 8));
        return new MediaFacts
        {
            Format = MediaFormat.Wav,
            Channels = channels,
            BitDepth = bits,
            FrameCount = (int)Math.Min(frames, int.MaxValue),
            DurationSeconds = (double)frames / rate.Value,
        };
    }
}
