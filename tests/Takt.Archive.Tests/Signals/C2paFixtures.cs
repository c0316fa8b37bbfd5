using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Text;
using NetVips;
using Takt.Archive.Signals;

namespace Takt.Archive.Tests.Signals;

/// <summary>Builds C2PA manifest stores and splices them into real PNG and JPEG files made by NetVips.</summary>
internal static class C2paFixtures
{
    public static byte[] Box(string type, params byte[][] contents)
    {
        var length = 8 + contents.Sum(c => c.Length);
        var box = new byte[length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        var position = 8;
        foreach (var content in contents)
        {
            content.CopyTo(box, position);
            position += content.Length;
        }

        return box;
    }

    public static byte[] Superbox(string label, params byte[][] children)
    {
        // 16-byte content-type UUID (value irrelevant to the reader), toggles 0x03 = requestable + label.
        var description = new byte[17 + Encoding.UTF8.GetByteCount(label) + 1];
        description[16] = 0x03;
        Encoding.UTF8.GetBytes(label).CopyTo(description, 17);
        return Box("jumb", [Box("jumd", description), .. children]);
    }

    public static byte[] TrainingMiningCbor(params (string Key, string Use, string? Constraint)[] entries)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(1);
        writer.WriteTextString("entries");
        writer.WriteStartMap(entries.Length);
        foreach (var (key, use, constraint) in entries)
        {
            writer.WriteTextString(key);
            writer.WriteStartMap(constraint is null ? 1 : 2);
            writer.WriteTextString("use");
            writer.WriteTextString(use);
            if (constraint is not null)
            {
                writer.WriteTextString("constraint_info");
                writer.WriteTextString(constraint);
            }

            writer.WriteEndMap();
        }

        writer.WriteEndMap();
        writer.WriteEndMap();
        return writer.Encode();
    }

    public static byte[] Manifest(string label, string assertionLabel, byte[] cbor) =>
        Superbox(label,
            Superbox("c2pa.assertions",
                Superbox("c2pa.actions.v2", Box("cbor", [0xA0])),
                Superbox(assertionLabel, Box("cbor", cbor))),
            Superbox("c2pa.claim.v2", Box("cbor", [0xA0])),
            Superbox("c2pa.signature", Box("cbor", [0xA0])));

    public static byte[] Store(params byte[][] manifests) => Superbox("c2pa", manifests);

    public static byte[] SimpleStore(params (string Key, string Use, string? Constraint)[] entries) =>
        Store(Manifest("urn:c2pa:1", "cawg.training-mining", TrainingMiningCbor(entries)));

    public static byte[] Png()
    {
        using var image = Image.Black(8, 8);
        return image.PngsaveBuffer();
    }

    public static byte[] Jpeg()
    {
        using var image = Image.Black(8, 8);
        return image.JpegsaveBuffer();
    }

    public static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>Inserts the chunk right after IHDR, where c2pa-rs puts caBX (8-byte signature + 25-byte IHDR).</summary>
    public static byte[] PngWith(byte[] chunk) => [.. Png().AsSpan(0, 33), .. chunk, .. Png().AsSpan(33)];

    /// <summary>APP11 segments carrying one JUMBF box split into pieces of at most <paramref name="pieceSize"/> bytes.</summary>
    public static byte[] App11Segments(byte[] jumbf, int pieceSize, ushort instance = 1)
    {
        var segments = new List<byte>();
        var sequence = 1u;
        for (var offset = 0; offset < jumbf.Length; offset += pieceSize, sequence++)
        {
            var piece = jumbf.AsSpan(offset, Math.Min(pieceSize, jumbf.Length - offset));
            // Continuations repeat the superbox's LBox/TBox, as JPEG XT requires.
            var header = offset == 0 ? [] : jumbf.AsSpan(0, 8).ToArray();
            var payloadLength = 8 + header.Length + piece.Length;
            var segment = new byte[4 + payloadLength];
            segment[0] = 0xFF;
            segment[1] = 0xEB;
            BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payloadLength + 2));
            "JP"u8.CopyTo(segment.AsSpan(4));
            BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(6), instance);
            BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), sequence);
            header.CopyTo(segment, 12);
            piece.CopyTo(segment.AsSpan(12 + header.Length));
            segments.AddRange(segment);
        }

        return [.. segments];
    }

    public static byte[] JpegWith(byte[] segments) => [.. Jpeg().AsSpan(0, 2), .. segments, .. Jpeg().AsSpan(2)];
}
