using System.Buffers.Text;
using System.Text;

namespace Takt.Domain.Timeline.Otio.Json;

/// <summary>
/// UTF-8 output for <see cref="OtioJsonWriter"/>, kept in 64 KB chunks: a doubling array would allocate a
/// series of large-object-heap arrays for a big timeline, each of which can trigger a full collection over the
/// whole live model (measured: most of the write time for a 34 MB file).
/// </summary>
internal struct Utf8Buffer()
{
    private const int ChunkSize = 64 * 1024;

    private readonly List<(byte[] Bytes, int Length)> full = [];
    private byte[] current = new byte[ChunkSize];
    private int length;

    public readonly byte[] ToArray()
    {
        var total = length;
        foreach (var chunk in full)
        {
            total += chunk.Length;
        }

        var result = new byte[total];
        var offset = 0;
        foreach (var (bytes, used) in full)
        {
            bytes.AsSpan(0, used).CopyTo(result.AsSpan(offset));
            offset += used;
        }

        current.AsSpan(0, length).CopyTo(result.AsSpan(offset));
        return result;
    }

    public void Append(byte value)
    {
        if (length == current.Length)
        {
            NextChunk(1);
        }

        current[length++] = value;
    }

    public void Append(ReadOnlySpan<byte> value)
    {
        value.CopyTo(Reserve(value.Length));
        length += value.Length;
    }

    public void AppendSpaces(int count)
    {
        Reserve(count)[..count].Fill((byte)' ');
        length += count;
    }

    public void AppendInteger(long value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out var written);
        length += written;
    }

    public void AppendAscii(string value)
    {
        var span = Reserve(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            span[i] = (byte)value[i];
        }

        length += value.Length;
    }

    public void AppendUtf16(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        // Reserve first: it may start a new chunk and reset the length, which "length += …" would have read already.
        var span = Reserve(Encoding.UTF8.GetMaxByteCount(value.Length));
        length += Encoding.UTF8.GetBytes(value, span);
    }

    /// <summary>At least <paramref name="count"/> writable bytes at the end; call <see cref="Advance"/> after writing.</summary>
    public Span<byte> Reserve(int count)
    {
        if (current.Length - length < count)
        {
            NextChunk(count);
        }

        return current.AsSpan(length);
    }

    public void Advance(int count) => length += count;

    private void NextChunk(int needed)
    {
        full.Add((current, length));
        current = new byte[Math.Max(ChunkSize, needed)];
        length = 0;
    }
}
