using System.Buffers.Binary;
using System.Text;

namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>
/// Reads BMFF box headers without reading box contents: a 1 GB mdat costs one 32-byte read.
/// Every size is checked against its parent's end, so a truncated or lying file fails with a
/// <see cref="C2paFormatException"/> that names the box and its offset instead of a wrong hash.
/// </summary>
internal static class BmffBoxReader
{
    // Enough for size + type + largesize + uuid extended type + FullBox version and flags.
    private const int MaxHeadLength = 8 + 8 + 16 + 4;

    /// <summary>The top-level boxes, which must exactly tile the stream.</summary>
    public static Task<IReadOnlyList<BmffBox>> ReadTopLevelAsync(Stream stream, CancellationToken cancellationToken) =>
        ReadAsync(stream, descend: false, cancellationToken);

    /// <summary>The whole box tree, descending into the container boxes c2pa-rs descends into.</summary>
    public static Task<IReadOnlyList<BmffBox>> ReadTreeAsync(Stream stream, CancellationToken cancellationToken) =>
        ReadAsync(stream, descend: true, cancellationToken);

    private static async Task<IReadOnlyList<BmffBox>> ReadAsync(Stream stream, bool descend, CancellationToken cancellationToken)
    {
        var walk = new Walk(stream, descend, new byte[MaxHeadLength]);
        return await walk.ReadSequenceAsync(0, stream.Length, 0, cancellationToken);
    }

    /// <summary>Parses the header at <paramref name="offset"/> from <paramref name="head"/>, the bytes starting there (as many as the parent holds, up to 36).</summary>
    public static BmffBox ParseHeader(ReadOnlySpan<byte> head, long offset, long parentEnd)
    {
        if (head.Length < 8)
        {
            throw new C2paFormatException($"BMFF: truncated box header at offset {offset} ({parentEnd - offset} bytes left before {parentEnd}).");
        }

        var type = FourCc(head[4..8]);
        var headerSize = 8;
        long size = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (size == 1)
        {
            if (head.Length < 16)
            {
                throw new C2paFormatException($"BMFF: box '{type}' at offset {offset} has a truncated 64-bit size.");
            }

            var large = BinaryPrimitives.ReadUInt64BigEndian(head[8..16]);
            if (large > long.MaxValue)
            {
                throw new C2paFormatException($"BMFF: box '{type}' at offset {offset} declares an impossible 64-bit size {large}.");
            }

            size = (long)large;
            headerSize = 16;
        }
        else if (size == 0)
        {
            // Size 0 means "to the end of the file" (ISO/IEC 14496-12 §4.2); inside a parent it can only mean the parent's end.
            size = parentEnd - offset;
        }

        if (size < headerSize)
        {
            throw new C2paFormatException($"BMFF: box '{type}' at offset {offset} declares size {size}, smaller than its {headerSize}-byte header.");
        }

        if (size > parentEnd - offset)
        {
            throw new C2paFormatException($"BMFF: box '{type}' at offset {offset} declares size {size}, past the end of its parent at {parentEnd}.");
        }

        byte[]? userType = null;
        if (type == "uuid")
        {
            if (size < headerSize + 16 || head.Length < headerSize + 16)
            {
                throw new C2paFormatException($"BMFF: uuid box at offset {offset} is too short for its extended type.");
            }

            userType = head.Slice(headerSize, 16).ToArray();
            headerSize += 16;
        }

        byte? version = null;
        uint? flags = null;
        var isC2pa = userType is not null && userType.AsSpan().SequenceEqual(BmffConstants.C2paUuid);
        if ((isC2pa || (userType is null && BmffConstants.IsFullBox(type))) && size >= headerSize + 4 && head.Length >= headerSize + 4)
        {
            var word = BinaryPrimitives.ReadUInt32BigEndian(head.Slice(headerSize, 4));
            version = (byte)(word >> 24);
            flags = word & 0xFFFFFF;
        }

        return new BmffBox(type, offset, size, headerSize, userType, version, flags, []);
    }

    private static string FourCc(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>The state of one tree walk; a class so the box budget is shared across recursion without static state.</summary>
    private sealed class Walk(Stream stream, bool descend, byte[] head)
    {
        private int _boxes;

        public async Task<IReadOnlyList<BmffBox>> ReadSequenceAsync(long start, long end, int depth, CancellationToken cancellationToken)
        {
            if (depth > BmffConstants.MaxDepth)
            {
                throw new C2paFormatException($"BMFF: boxes nested deeper than {BmffConstants.MaxDepth} levels at offset {start}.");
            }

            var boxes = new List<BmffBox>();
            var offset = start;
            while (offset < end)
            {
                if (++_boxes > BmffConstants.MaxBoxes)
                {
                    throw new C2paFormatException($"BMFF: more than {BmffConstants.MaxBoxes} boxes (at offset {offset}).");
                }

                var length = (int)Math.Min(MaxHeadLength, end - offset);
                stream.Position = offset;
                await stream.ReadExactlyAsync(head.AsMemory(0, length), cancellationToken);
                var box = ParseHeader(head.AsSpan(0, length), offset, end);
                if (descend && BmffConstants.IsContainer(box.Type))
                {
                    var childStart = box.PayloadOffset + await ChildSkipAsync(box, cancellationToken);
                    var children = await ReadSequenceAsync(childStart, box.End, depth + 1, cancellationToken);
                    box = box with { Children = children };
                }

                boxes.Add(box);
                offset = box.End;
            }

            return boxes;
        }

        // meta is a FullBox in ISO BMFF but not in QuickTime; like c2pa-rs, peek for the hdlr that starts a QuickTime meta.
        private async Task<int> ChildSkipAsync(BmffBox box, CancellationToken cancellationToken)
        {
            if (box.Type != "meta")
            {
                return 0;
            }

            if (box.Size - box.HeaderSize < 8)
            {
                return box.Size - box.HeaderSize >= 4 ? 4 : 0;
            }

            stream.Position = box.PayloadOffset + 4;
            await stream.ReadExactlyAsync(head.AsMemory(0, 4), cancellationToken);
            return head.AsSpan(0, 4).SequenceEqual("hdlr"u8) ? 0 : 4;
        }
    }
}
