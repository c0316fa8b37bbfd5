using System.Buffers.Binary;

namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>
/// Rewrites the absolute file offsets in a moov held in memory: <c>stco</c> (32-bit) and
/// <c>co64</c> chunk offsets of every track, the tables c2pa-rs's <c>adjust_known_offsets</c> patches
/// for non-fragmented files. moov keeps its size, so nothing after it moves.
/// </summary>
internal static class ChunkOffsetPatcher
{
    private static readonly string[] StblPath = ["trak", "mdia", "minf", "stbl"];

    /// <param name="moov">The whole moov box, header included.</param>
    /// <param name="moovOffset">Where moov starts in the source, for error messages.</param>
    public static void Patch(Span<byte> moov, long moovOffset, BmffOffsetMap map)
    {
        var top = BmffBoxReader.ParseHeader(moov[..Math.Min(moov.Length, 36)], 0, moov.Length);
        PatchChildren(moov, top.HeaderSize, moov.Length, 0, moovOffset, map);
    }

    private static void PatchChildren(Span<byte> moov, long start, long end, int depth, long moovOffset, BmffOffsetMap map)
    {
        var position = start;
        while (position < end)
        {
            var head = moov[(int)position..(int)Math.Min(end, position + 36)];
            BmffBox box;
            try
            {
                box = BmffBoxReader.ParseHeader(head, position, end);
            }
            catch (C2paFormatException e)
            {
                throw new C2paFormatException($"BMFF: inside moov at offset {moovOffset}: {e.Message}", e);
            }

            if (depth < StblPath.Length && box.Type == StblPath[depth])
            {
                PatchChildren(moov, box.PayloadOffset, box.End, depth + 1, moovOffset, map);
            }
            else if (depth == StblPath.Length && box.Type is "stco" or "co64")
            {
                PatchTable(moov.Slice((int)box.Offset, (int)box.Size), box, moovOffset + box.Offset, map);
            }

            position = box.End;
        }
    }

    private static void PatchTable(Span<byte> table, BmffBox box, long absolute, BmffOffsetMap map)
    {
        var wide = box.Type == "co64";
        var entrySize = wide ? 8 : 4;
        var payload = table[box.HeaderSize..];
        if (payload.Length < 8)
        {
            throw new C2paFormatException($"BMFF: {box.Type} at offset {absolute} is too short for its entry count.");
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(payload[4..8]);
        var room = (payload.Length - 8) / entrySize;
        if (count > room)
        {
            throw new C2paFormatException($"BMFF: {box.Type} at offset {absolute} claims {count} entries but holds room for {room}.");
        }

        var entries = payload[8..];
        for (var i = 0; i < (int)count; i++)
        {
            var slot = entries.Slice(i * entrySize, entrySize);
            var old = wide ? (long)BinaryPrimitives.ReadUInt64BigEndian(slot) : BinaryPrimitives.ReadUInt32BigEndian(slot);
            if (old < 0)
            {
                throw new C2paFormatException($"BMFF: co64 at offset {absolute} holds an impossible chunk offset.");
            }

            var moved = map.Map(old, $"chunk offset {i} of {box.Type} at offset {absolute}");
            if (wide)
            {
                BinaryPrimitives.WriteUInt64BigEndian(slot, (ulong)moved);
            }
            else if (moved > uint.MaxValue)
            {
                // Upgrading to co64 would grow moov and move every later offset again; refuse rather than wrap.
                throw new C2paFormatException($"BMFF: chunk offset {i} of stco at offset {absolute} would move to {moved}, past what a 32-bit stco holds; the file needs co64.");
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(slot, (uint)moved);
            }
        }
    }
}
