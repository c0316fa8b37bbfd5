using System.Buffers;
using System.Security.Cryptography;
using Takt.Provenance.C2pa.Containers.Bmff;

namespace Takt.Provenance.C2pa.Containers;

public sealed partial class Mp4Container
{
    /// <remarks>
    /// Both streams must be seekable; <paramref name="destination"/> must be empty and at 0, since the
    /// hash mixes in absolute box offsets and <see cref="EmbeddedStore.StoreOffset"/> is one.
    /// </remarks>
    public async Task<EmbeddedStore> EmbedAsync(Stream source, Stream destination, ReadOnlyMemory<byte> store, CancellationToken cancellationToken)
    {
        if (destination.CanSeek && destination.Position != 0)
        {
            throw new ArgumentException("The destination must start at position 0: BMFF hashes absolute box offsets.", nameof(destination));
        }

        var tree = await BmffBoxReader.ReadTreeAsync(source, cancellationToken);
        RefuseUnpatchable(tree);
        var ftyp = tree.FirstOrDefault(b => b.Type == "ftyp")
            ?? throw new C2paFormatException("BMFF: no ftyp box; the manifest box goes right after it.");

        var manifestBox = ManifestBoxPrefix(store.Length);
        var pieces = new List<Piece>();
        var map = new BmffOffsetMap();
        var outputBoxes = new List<BmffBox>();
        var moovs = new List<(Piece Piece, BmffBox Box)>();
        var position = 0L;
        foreach (var box in tree.Where(b => !b.IsC2paUuid))
        {
            var piece = new Piece(position, box.Size, box.Offset, null);
            pieces.Add(piece);
            map.Add(box.Offset, box.Size, position);
            outputBoxes.Add(box with { Offset = position, Children = [] });
            if (box.Type == "moov")
            {
                moovs.Add((piece, box));
            }

            position += box.Size;
            if (ReferenceEquals(box, ftyp))
            {
                pieces.Add(new Piece(position, manifestBox.Length + store.Length, -1, manifestBox));
                outputBoxes.Add(new BmffBox("uuid", position, manifestBox.Length + store.Length, 24, BmffConstants.C2paUuid.ToArray(), 0, 0, []));
                position += manifestBox.Length + store.Length;
            }
        }

        // Chunk offsets can only be patched once every box has its new place.
        for (var i = 0; i < moovs.Count; i++)
        {
            var (piece, box) = moovs[i];
            if (box.Size > BmffConstants.MaxMoovSize)
            {
                throw new C2paFormatException($"BMFF: moov at offset {box.Offset} is {box.Size} bytes, over the {BmffConstants.MaxMoovSize}-byte limit.");
            }

            var moov = new byte[box.Size];
            source.Position = box.Offset;
            await source.ReadExactlyAsync(moov, cancellationToken);
            ChunkOffsetPatcher.Patch(moov, box.Offset, map);
            pieces[pieces.IndexOf(piece)] = piece with { Memory = moov };
        }

        var fileLength = position;
        var manifestOffset = outputBoxes.First(b => b.IsC2paUuid).Offset;
        ValueTask<byte[]> ReadOutput(long offset, int count, CancellationToken token) =>
            ReadPiecesAsync(source, pieces, offset, count, store, token);

        var (ranges, offsets) = await BmffExclusionResolver.ResolveAsync(outputBoxes, BmffHashAssertion.DefaultExclusions, ReadOutput, cancellationToken);
        var plan = BmffHashPlan.Build(fileLength, ranges, offsets);
        byte[] hash;
        using (var hasher = new BmffHasher(plan, HashAlgorithmName.SHA256))
        {
            foreach (var piece in pieces)
            {
                if (piece.SourceOffset < 0)
                {
                    await WriteAsync(destination, hasher, piece.Memory!, cancellationToken);
                    await WriteAsync(destination, hasher, store, cancellationToken);
                }
                else if (piece.Memory is { } memory)
                {
                    await WriteAsync(destination, hasher, memory, cancellationToken);
                }
                else
                {
                    await CopyAsync(source, destination, hasher, piece.SourceOffset, piece.Length, cancellationToken);
                }
            }

            hash = hasher.Finish();
        }

        await destination.FlushAsync(cancellationToken);
        var exclusions = ranges.Select(r => new HashExclusion(r.Start, r.Length)).OrderBy(e => e.Start).ToList();
        return new EmbeddedStore(manifestOffset, store.Length, exclusions, hash, new Mp4Embedding(fileLength, offsets));
    }

    private static void RefuseUnpatchable(IReadOnlyList<BmffBox> tree)
    {
        if (tree.FirstOrDefault(b => b.Type is "moof" or "mfra") is { } fragment)
        {
            throw new C2paFormatException($"BMFF: fragmented MP4 ({fragment.Type} at offset {fragment.Offset}) is not supported: its tfhd/tfra offsets can be absolute and would not be moved.");
        }

        if (tree.FirstOrDefault(b => b.Type == "meta" && b.Children.Any(c => c.Type == "iloc")) is { } meta)
        {
            throw new C2paFormatException($"BMFF: a top-level meta with item locations (iloc, at offset {meta.Offset}) is not supported: its offsets would not be moved.");
        }
    }

    private static async Task WriteAsync(Stream destination, BmffHasher hasher, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        hasher.Append(bytes.Span);
        await destination.WriteAsync(bytes, cancellationToken);
    }

    private static async Task CopyAsync(Stream source, Stream destination, BmffHasher hasher, long offset, long length, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BmffConstants.CopyBufferSize);
        try
        {
            source.Position = offset;
            while (length > 0)
            {
                var chunk = buffer.AsMemory(0, (int)Math.Min(buffer.Length, length));
                await source.ReadExactlyAsync(chunk, cancellationToken);
                hasher.Append(chunk.Span);
                await destination.WriteAsync(chunk, cancellationToken);
                length -= chunk.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Bytes of the file being written, before it is written: from memory or from where they come from in the source.</summary>
    private static async ValueTask<byte[]> ReadPiecesAsync(Stream source, List<Piece> pieces, long offset, int count, ReadOnlyMemory<byte> store, CancellationToken cancellationToken)
    {
        var piece = pieces.First(p => offset >= p.Start && offset + count <= p.Start + p.Length);
        var within = offset - piece.Start;
        if (piece.SourceOffset < 0)
        {
            var prefix = piece.Memory!;
            return within + count <= prefix.Length
                ? prefix.AsSpan((int)within, count).ToArray()
                : [.. prefix.AsSpan().ToArray().Concat(store.ToArray()).Skip((int)within).Take(count)];
        }

        if (piece.Memory is { } memory)
        {
            return memory.AsSpan((int)within, count).ToArray();
        }

        var bytes = new byte[count];
        source.Position = piece.SourceOffset + within;
        await source.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    /// <summary>
    /// One box of the output: copied from <paramref name="SourceOffset"/> in the source, or written
    /// from <paramref name="Memory"/> (a patched moov); SourceOffset -1 marks the manifest box, whose
    /// Memory is its prefix and whose store follows.
    /// </summary>
    private sealed record Piece(long Start, long Length, long SourceOffset, byte[]? Memory);
}
