using System.Buffers.Binary;
using Takt.Archive.Signals;

namespace Takt.Provenance.C2pa.Containers;

/// <summary>
/// PNG: the store is the data of a private <c>caBX</c> chunk placed right after IHDR, as c2pa-rs
/// places it (C2PA A.3.2); the data hash excludes the whole chunk, length and CRC included (§18.5.4).
/// </summary>
public sealed class PngContainer : IAssetContainer
{
    private const int MaxChunk = C2paManifestLocator.MaxStoreBytes;
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public string MediaType => "image/png";

    public string BindingLabel => DataHashAssertion.Label;

    public bool Recognises(ReadOnlySpan<byte> head) => head.StartsWith(Signature);

    public async Task<byte[]?> ReadStoreAsync(Stream asset, CancellationToken cancellationToken)
    {
        byte[]? found = null;
        asset.Position = Signature.Length;
        var header = new byte[8];
        while (asset.Position < asset.Length)
        {
            var at = asset.Position;
            var (length, type) = await ReadChunkHeaderAsync(asset, header, cancellationToken);
            if (type == "caBX" && found is null)
            {
                if (length > MaxChunk)
                {
                    throw new C2paFormatException($"the PNG caBX chunk at offset {at} claims {length} bytes, more than a manifest store may have");
                }

                var chunk = new byte[4 + length + 4];
                header.AsSpan(4, 4).CopyTo(chunk);
                await asset.ReadExactlyAsync(chunk.AsMemory(4), cancellationToken);
                var crc = BinaryPrimitives.ReadUInt32BigEndian(chunk.AsSpan(4 + (int)length));
                if (Crc32.Compute(chunk.AsSpan(0, 4 + (int)length)) != crc)
                {
                    throw new C2paFormatException($"the PNG caBX chunk at offset {at} has a bad CRC");
                }

                found = chunk[4..(4 + (int)length)];
                continue;
            }

            if (type == "IEND")
            {
                break;
            }

            asset.Position = at + 12 + length;
        }

        return found;
    }

    public async Task<EmbeddedStore> EmbedAsync(Stream source, Stream destination, ReadOnlyMemory<byte> store, CancellationToken cancellationToken)
    {
        source.Position = 0;
        var signature = new byte[8];
        await source.ReadExactlyAsync(signature, cancellationToken);
        if (!Recognises(signature))
        {
            throw new C2paFormatException("the file is not a PNG (bad signature)");
        }

        var header = new byte[8];
        var (ihdrLength, ihdrType) = await ReadChunkHeaderAsync(source, header, cancellationToken);
        if (ihdrType != "IHDR")
        {
            throw new C2paFormatException($"the PNG's first chunk is '{ihdrType}', not IHDR");
        }

        var offset = destination.Position + 8 + 12 + ihdrLength;
        var exclusion = new HashExclusion(offset, 12 + store.Length);
        using var hasher = new RangeHasher([exclusion]);
        var output = new HashingWriter(destination, hasher);
        await output.WriteAsync(signature, cancellationToken);
        await output.WriteAsync(header, cancellationToken);
        await output.CopyAsync(source, ihdrLength + 4, cancellationToken);
        await output.WriteAsync(Chunk(store.Span), cancellationToken);
        while (source.Position < source.Length)
        {
            var (length, type) = await ReadChunkHeaderAsync(source, header, cancellationToken);
            if (type == "caBX")
            {
                source.Position += length + 4; // an older manifest is replaced, never kept beside the new one
                continue;
            }

            await output.WriteAsync(header, cancellationToken);
            await output.CopyAsync(source, length + 4, cancellationToken);
            if (type == "IEND")
            {
                break;
            }
        }

        return new EmbeddedStore(offset, store.Length, [exclusion], hasher.Finish());
    }

    public async Task PatchStoreAsync(Stream destination, EmbeddedStore placed, ReadOnlyMemory<byte> store, CancellationToken cancellationToken)
    {
        if (store.Length != placed.StoreLength)
        {
            throw new InvalidOperationException("a patched manifest store must keep the placeholder's length");
        }

        destination.Position = placed.StoreOffset;
        await destination.WriteAsync(Chunk(store.Span), cancellationToken);
    }

    public byte[] PlaceholderBinding(int storeLength) => DataHashAssertion.Placeholder(1);

    public byte[] Binding(EmbeddedStore placed, int length) => DataHashAssertion.Final(placed.Exclusions, placed.Hash, length);

    public Task<BindingCheck> VerifyBindingAsync(Stream asset, string label, ReadOnlyMemory<byte> assertionCbor, CancellationToken cancellationToken) =>
        DataHashCheck.VerifyAsync(asset, label, assertionCbor, cancellationToken);

    private static byte[] Chunk(ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        "caBX"u8.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static async Task<(long Length, string Type)> ReadChunkHeaderAsync(Stream stream, byte[] header, CancellationToken cancellationToken)
    {
        var at = stream.Position;
        if (stream.Length - at < 12)
        {
            throw new C2paFormatException($"the PNG is truncated at offset {at}");
        }

        await stream.ReadExactlyAsync(header, cancellationToken);
        long length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length > stream.Length - at - 12)
        {
            throw new C2paFormatException($"the PNG chunk at offset {at} claims {length} bytes, past the end of the file");
        }

        return (length, System.Text.Encoding.ASCII.GetString(header, 4, 4));
    }
}
