using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>
/// Feeds a hash with a file's bytes as they go by, in file order, following a
/// <see cref="BmffHashPlan"/>. The same object hashes what the embedder writes and what the
/// verifier reads, so the two cannot drift apart.
/// </summary>
internal sealed class BmffHasher(IReadOnlyList<BmffHashSegment> plan, HashAlgorithmName algorithm) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(algorithm);
    private int _next;
    private long _position;

    /// <summary>The bytes at the current position; positions advance by their length.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        var chunkStart = _position;
        var chunkEnd = _position + data.Length;
        while (_next < plan.Count)
        {
            var segment = plan[_next];
            if (segment.IsOffset)
            {
                AppendOffset(segment.Start);
                _next++;
                continue;
            }

            if (segment.Start >= chunkEnd)
            {
                break;
            }

            var from = Math.Max(segment.Start, chunkStart);
            var to = Math.Min(segment.End, chunkEnd);
            if (to > from)
            {
                _hash.AppendData(data[(int)(from - chunkStart)..(int)(to - chunkStart)]);
            }

            if (segment.End > chunkEnd)
            {
                break;
            }

            _next++;
        }

        _position = chunkEnd;
    }

    public byte[] Finish()
    {
        Append([]);
        if (_next < plan.Count)
        {
            throw new C2paFormatException($"BMFF: the data ended at {_position}, before the hashed range up to {plan[^1].End}.");
        }

        return _hash.GetHashAndReset();
    }

    private void AppendOffset(long offset)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)offset);
        _hash.AppendData(bytes);
    }

    public void Dispose() => _hash.Dispose();
}
