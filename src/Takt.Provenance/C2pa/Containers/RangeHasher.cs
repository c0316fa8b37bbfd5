using System.Security.Cryptography;

namespace Takt.Provenance.C2pa.Containers;

/// <summary>
/// SHA-256 over a stream's bytes minus excluded ranges, fed in order as they are written or read,
/// so signing and verifying each touch the file once.
/// </summary>
internal sealed class RangeHasher : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IReadOnlyList<HashExclusion> _exclusions;
    private long _position;

    public RangeHasher(IReadOnlyList<HashExclusion> exclusions)
    {
        _exclusions = [.. exclusions.OrderBy(e => e.Start)];
    }

    /// <summary>Feeds the next bytes of the file (at the current position).</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        var start = _position;
        var end = start + data.Length;
        var cursor = start;
        foreach (var exclusion in _exclusions)
        {
            if (exclusion.End <= cursor || exclusion.Start >= end)
            {
                continue;
            }

            if (exclusion.Start > cursor)
            {
                _hash.AppendData(data[(int)(cursor - start)..(int)(exclusion.Start - start)]);
            }

            cursor = Math.Min(end, Math.Max(cursor, exclusion.End));
        }

        if (cursor < end)
        {
            _hash.AppendData(data[(int)(cursor - start)..]);
        }

        _position = end;
    }

    public byte[] Finish() => _hash.GetHashAndReset();

    /// <summary>Hashes a whole seekable stream from its start, skipping the exclusions.</summary>
    public static async Task<byte[]> HashAsync(Stream stream, IReadOnlyList<HashExclusion> exclusions, CancellationToken cancellationToken)
    {
        using var hasher = new RangeHasher(exclusions);
        stream.Position = 0;
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hasher.Append(buffer.AsSpan(0, read));
        }

        return hasher.Finish();
    }

    public void Dispose() => _hash.Dispose();
}
