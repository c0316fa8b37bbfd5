using System.Buffers.Binary;
using System.Text;
using Takt.Provenance.C2pa.Containers.Bmff;

namespace Takt.Provenance.C2pa.Containers;

/// <summary>
/// C2PA in MP4 (ISO BMFF), following c2pa-rs: the store sits in a top-level uuid box (C2PA 2.2
/// §A.5) right after ftyp, and the hard binding is <c>c2pa.hash.bmff.v3</c> with c2pa-rs's
/// default exclusions. Fragmented files (moof) are refused: their offsets are not patched yet.
/// </summary>
public sealed partial class Mp4Container : IAssetContainer
{
    public const string Label = "c2pa.hash.bmff.v3";

    public string MediaType => "video/mp4";

    public string BindingLabel => Label;

    public bool Recognises(ReadOnlySpan<byte> head)
    {
        if (head.Length < 12 || !head[4..8].SequenceEqual("ftyp"u8))
        {
            return false;
        }

        // Still images share ISO BMFF; their brands belong to a HEIF/AVIF container, not to this one.
        var brand = Encoding.Latin1.GetString(head[8..12]);
        return brand is not ("heic" or "heix" or "heim" or "heis" or "mif1" or "msf1" or "avif" or "avis");
    }

    public async Task<byte[]?> ReadStoreAsync(Stream asset, CancellationToken cancellationToken)
    {
        var boxes = await BmffBoxReader.ReadTopLevelAsync(asset, cancellationToken);
        byte[]? store = null;
        foreach (var box in boxes.Where(b => b.IsC2paUuid))
        {
            var (purpose, dataOffset) = await ReadPurposeAsync(asset, box, cancellationToken);
            if (purpose != BmffConstants.ManifestPurpose)
            {
                continue;
            }

            if (store is not null)
            {
                throw new C2paFormatException($"BMFF: a second C2PA manifest box at offset {box.Offset}; a file holds one manifest store.");
            }

            var storeStart = dataOffset + 8; // skips the offset to the first merkle box
            var length = box.End - storeStart;
            if (length < 0 || length > BmffConstants.MaxStoreSize)
            {
                throw new C2paFormatException($"BMFF: the C2PA manifest box at offset {box.Offset} has an impossible store length {length}.");
            }

            store = new byte[length];
            asset.Position = storeStart;
            await asset.ReadExactlyAsync(store, cancellationToken);
        }

        return store;
    }

    public async Task PatchStoreAsync(Stream destination, EmbeddedStore placed, ReadOnlyMemory<byte> store, CancellationToken cancellationToken)
    {
        if (store.Length != placed.StoreLength)
        {
            throw new ArgumentException($"The store is {store.Length} bytes; the placeholder written was {placed.StoreLength}.", nameof(store));
        }

        if (destination.CanRead)
        {
            // Refuses to write into anything but the box EmbedAsync wrote, should the stream have changed since.
            var prefix = new byte[BmffConstants.ManifestBoxPrefix];
            destination.Position = placed.StoreOffset;
            await destination.ReadExactlyAsync(prefix, cancellationToken);
            if (!prefix.AsSpan().SequenceEqual(ManifestBoxPrefix(placed.StoreLength)))
            {
                throw new C2paFormatException($"BMFF: no C2PA manifest box of the placed length at offset {placed.StoreOffset}.");
            }
        }

        destination.Position = placed.StoreOffset + BmffConstants.ManifestBoxPrefix;
        await destination.WriteAsync(store, cancellationToken);
        await destination.FlushAsync(cancellationToken);
    }

    public byte[] PlaceholderBinding(int storeLength) => BmffHashAssertion.ForHash(new byte[32]).ToCbor();

    public byte[] Binding(EmbeddedStore placed, int length)
    {
        var cbor = BmffHashAssertion.ForHash(placed.Hash).ToCbor();
        if (cbor.Length != length)
        {
            // Every field but the hash is constant and the hash has a fixed size, so this is a caller bug.
            throw new ArgumentException($"The BMFF hash assertion is {cbor.Length} bytes, not the {length} reserved.", nameof(length));
        }

        return cbor;
    }

    /// <summary>The uuid box header, extended type, version/flags, purpose and merkle offset that precede the store.</summary>
    internal static byte[] ManifestBoxPrefix(int storeLength)
    {
        var size = (long)BmffConstants.ManifestBoxPrefix + storeLength;
        if (size > uint.MaxValue)
        {
            throw new ArgumentException("A manifest store over 4 GiB does not fit a 32-bit box size.", nameof(storeLength));
        }

        var prefix = new byte[BmffConstants.ManifestBoxPrefix];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)size);
        "uuid"u8.CopyTo(prefix.AsSpan(4));
        BmffConstants.C2paUuid.CopyTo(prefix.AsSpan(8));
        // bytes 24..27: FullBox version 0, flags 0
        Encoding.ASCII.GetBytes(BmffConstants.ManifestPurpose).CopyTo(prefix.AsSpan(28));
        // byte 36: the purpose's NUL; bytes 37..44: offset to the first merkle box, 0 as there is none
        return prefix;
    }

    /// <summary>The NUL-terminated purpose of a C2PA uuid box and where the bytes after it start.</summary>
    private static async Task<(string Purpose, long DataOffset)> ReadPurposeAsync(Stream asset, BmffBox box, CancellationToken cancellationToken)
    {
        var start = box.PayloadOffset + 4; // after version and flags
        var available = (int)Math.Min(64, box.End - start);
        if (available <= 0)
        {
            throw new C2paFormatException($"BMFF: the C2PA uuid box at offset {box.Offset} has no purpose.");
        }

        var bytes = new byte[available];
        asset.Position = start;
        await asset.ReadExactlyAsync(bytes, cancellationToken);
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul < 0)
        {
            throw new C2paFormatException($"BMFF: the purpose of the C2PA uuid box at offset {box.Offset} has no NUL terminator.");
        }

        return (Encoding.UTF8.GetString(bytes, 0, nul), start + nul + 1);
    }
}
