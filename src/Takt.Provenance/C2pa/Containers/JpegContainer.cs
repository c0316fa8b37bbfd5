using System.Buffers.Binary;
using Takt.Archive.Signals;

namespace Takt.Provenance.C2pa.Containers;

/// <summary>
/// JPEG: the store is split over APP11 segments (JPEG XT box instance 0x0211, packets numbered
/// from 1, each after the first repeating the box's 8-byte header), inserted after the last APP0
/// or else right after SOI, as c2pa-rs does (C2PA A.3.1). The data hash excludes every one of
/// those segments as one contiguous range.
/// </summary>
public sealed class JpegContainer : IAssetContainer
{
    private const int MaxSegmentPayload = 0xFFFF - 2;
    private const int PacketHeader = 8; // "JP" + En + Z
    private const ushort Instance = 0x0211;

    public string MediaType => "image/jpeg";

    public string BindingLabel => DataHashAssertion.Label;

    public bool Recognises(ReadOnlySpan<byte> head) => head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;

    public async Task<byte[]?> ReadStoreAsync(Stream asset, CancellationToken cancellationToken)
    {
        var segments = await JpegSegments.ReadHeaderAsync(asset, cancellationToken);
        using var head = new MemoryStream();
        head.Write([0xFF, 0xD8]);
        foreach (var segment in segments.Where(s => s.Marker == 0xEB))
        {
            head.Write(segment.Bytes);
        }

        head.Write([0xFF, 0xD9]);
        var warnings = new List<string>();
        var store = JpegApp11Assembler.Find(head.GetBuffer().AsSpan(0, (int)head.Length), warnings);
        if (store is null && warnings.Count > 0)
        {
            throw new C2paFormatException($"the JPEG's C2PA segments are broken: {string.Join("; ", warnings)}");
        }

        return store;
    }

    public async Task<EmbeddedStore> EmbedAsync(Stream source, Stream destination, ReadOnlyMemory<byte> store, CancellationToken cancellationToken)
    {
        var segments = await JpegSegments.ReadHeaderAsync(source, cancellationToken);
        var kept = segments.Where(s => !IsC2paSegment(s, segments)).ToList();
        var insertAt = kept.FindLastIndex(s => s.Marker == 0xE0) + 1;
        var app11 = Segments(store.Span);
        long offset = destination.Position + 2 + kept.Take(insertAt).Sum(s => (long)s.Bytes.Length);
        var exclusion = new HashExclusion(offset, app11.Length);
        using var hasher = new RangeHasher([exclusion]);
        var output = new HashingWriter(destination, hasher);
        await output.WriteAsync(new byte[] { 0xFF, 0xD8 }, cancellationToken);
        for (var i = 0; i < kept.Count; i++)
        {
            if (i == insertAt)
            {
                await output.WriteAsync(app11, cancellationToken);
            }

            await output.WriteAsync(kept[i].Bytes, cancellationToken);
        }

        if (insertAt == kept.Count)
        {
            await output.WriteAsync(app11, cancellationToken);
        }

        await output.CopyRestAsync(source, cancellationToken);
        return new EmbeddedStore(offset, store.Length, [exclusion], hasher.Finish());
    }

    public async Task PatchStoreAsync(Stream destination, EmbeddedStore placed, ReadOnlyMemory<byte> store, CancellationToken cancellationToken)
    {
        if (store.Length != placed.StoreLength)
        {
            throw new InvalidOperationException("a patched manifest store must keep the placeholder's length");
        }

        destination.Position = placed.StoreOffset;
        await destination.WriteAsync(Segments(store.Span), cancellationToken);
    }

    public byte[] PlaceholderBinding(int storeLength) => DataHashAssertion.Placeholder(1);

    public byte[] Binding(EmbeddedStore placed, int length) => DataHashAssertion.Final(placed.Exclusions, placed.Hash, length);

    public Task<BindingCheck> VerifyBindingAsync(Stream asset, string label, ReadOnlyMemory<byte> assertionCbor, CancellationToken cancellationToken) =>
        DataHashCheck.VerifyAsync(asset, label, assertionCbor, cancellationToken);

    /// <summary>The store as consecutive APP11 segments (marker, length, "JP", En, Z, data).</summary>
    internal static byte[] Segments(ReadOnlySpan<byte> store)
    {
        using var output = new MemoryStream();
        var boxHeader = store[..8];
        var position = 0;
        uint sequence = 1;
        while (position < store.Length)
        {
            var repeat = sequence == 1 ? 0 : boxHeader.Length;
            var take = Math.Min(store.Length - position, MaxSegmentPayload - PacketHeader - repeat);
            var segment = new byte[4 + PacketHeader + repeat + take];
            segment[0] = 0xFF;
            segment[1] = 0xEB;
            BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
            "JP"u8.CopyTo(segment.AsSpan(4));
            BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(6), Instance);
            BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), sequence++);
            if (repeat > 0)
            {
                boxHeader.CopyTo(segment.AsSpan(12));
            }

            store.Slice(position, take).CopyTo(segment.AsSpan(12 + repeat));
            output.Write(segment);
            position += take;
        }

        return output.ToArray();
    }

    /// <summary>APP11 JPEG XT segments of a box instance whose first packet opens a "c2pa" store.</summary>
    private static bool IsC2paSegment(JpegSegment segment, IReadOnlyList<JpegSegment> all)
    {
        if (segment.Marker != 0xEB || segment.Payload.Length < PacketHeader || !segment.Payload.AsSpan().StartsWith("JP"u8))
        {
            return false;
        }

        var instance = BinaryPrimitives.ReadUInt16BigEndian(segment.Payload.AsSpan(2));
        return all.Any(s => s.Marker == 0xEB && s.Payload.Length >= PacketHeader + 8 + 17 + 5 && s.Payload.AsSpan().StartsWith("JP"u8)
            && BinaryPrimitives.ReadUInt16BigEndian(s.Payload.AsSpan(2)) == instance
            && BinaryPrimitives.ReadUInt32BigEndian(s.Payload.AsSpan(4)) == 1
            && s.Payload.AsSpan(PacketHeader + 4, 4).SequenceEqual("jumb"u8)
            && s.Payload.AsSpan(PacketHeader + 8 + 8 + 17).StartsWith("c2pa\0"u8));
    }
}
