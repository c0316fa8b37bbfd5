namespace Takt.Provenance.C2pa.Containers;

/// <summary>Writes to the destination and feeds the same bytes to the binding's hasher, so embedding is one pass.</summary>
internal sealed class HashingWriter(Stream destination, RangeHasher hasher)
{
    private byte[]? _buffer;

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        hasher.Append(data.Span);
        await destination.WriteAsync(data, cancellationToken);
    }

    /// <summary>Copies exactly <paramref name="count"/> bytes from the source's current position.</summary>
    public async Task CopyAsync(Stream source, long count, CancellationToken cancellationToken)
    {
        _buffer ??= new byte[1 << 20];
        while (count > 0)
        {
            var want = (int)Math.Min(count, _buffer.Length);
            await source.ReadExactlyAsync(_buffer.AsMemory(0, want), cancellationToken);
            await WriteAsync(_buffer.AsMemory(0, want), cancellationToken);
            count -= want;
        }
    }

    /// <summary>Copies everything left in the source.</summary>
    public async Task CopyRestAsync(Stream source, CancellationToken cancellationToken)
    {
        _buffer ??= new byte[1 << 20];
        int read;
        while ((read = await source.ReadAsync(_buffer, cancellationToken)) > 0)
        {
            await WriteAsync(_buffer.AsMemory(0, read), cancellationToken);
        }
    }
}
