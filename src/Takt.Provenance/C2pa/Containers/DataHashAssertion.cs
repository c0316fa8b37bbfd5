using System.Formats.Cbor;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Provenance.C2pa.Containers;

/// <summary>
/// <c>c2pa.hash.data</c> (§18.5): a SHA-256 over the whole file except the listed byte ranges. The
/// placeholder holds every number at its widest CBOR width, and the final assertion grows its
/// <c>pad</c> byte string by what the real numbers save, so both have the same length and the
/// manifest store does not move once the file is written.
/// </summary>
internal static class DataHashAssertion
{
    public const string Label = "c2pa.hash.data";
    private const string Name = "jumbf manifest";

    public static byte[] Placeholder(int exclusionCount)
    {
        var wide = Enumerable.Repeat(new HashExclusion(uint.MaxValue, uint.MaxValue), exclusionCount).ToList();
        return Encode(wide, new byte[32], padLength: 0);
    }

    public static byte[] Final(IReadOnlyList<HashExclusion> exclusions, byte[] hash, int length)
    {
        for (var pad = 0; pad < 64; pad++)
        {
            var encoded = Encode(exclusions, hash, pad);
            if (encoded.Length == length)
            {
                return encoded;
            }

            if (encoded.Length > length)
            {
                break;
            }
        }

        throw new InvalidOperationException($"the data hash cannot be padded to the {length} bytes reserved for it");
    }

    public static (IReadOnlyList<HashExclusion> Exclusions, byte[] Hash, string Alg) Decode(ReadOnlyMemory<byte> cbor)
    {
        var reader = new CborReader(cbor, CborConformanceMode.Lax, allowMultipleRootLevelValues: false);
        var exclusions = new List<HashExclusion>();
        byte[]? hash = null;
        var alg = "sha256";
        var count = reader.ReadStartMap();
        for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
        {
            switch (reader.ReadTextString())
            {
                case "exclusions":
                    var items = reader.ReadStartArray();
                    for (var j = 0; items is null ? reader.PeekState() != CborReaderState.EndArray : j < items; j++)
                    {
                        exclusions.Add(ReadExclusion(reader));
                    }

                    reader.ReadEndArray();
                    break;
                case "hash":
                    hash = reader.ReadByteString();
                    break;
                case "alg":
                    alg = reader.ReadTextString();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        reader.ReadEndMap();
        return (exclusions, hash ?? throw new CborContentException("c2pa.hash.data has no hash"), alg);
    }

    /// <summary>Checks a decoded data hash against a recomputed digest of the same ranges.</summary>
    public static BindingCheck Compare(byte[] expected, byte[] actual) =>
        new([expected.AsSpan().SequenceEqual(actual)
            ? new ValidationStatus(ValidationCodes.AssertionDataHashMatch, ValidationStatusKind.Success, null, "data hash valid")
            : new ValidationStatus(ValidationCodes.AssertionDataHashMismatch, ValidationStatusKind.Failure, null, "asset hash error: the file's bytes do not match the hash in its manifest")]);

    public static BindingCheck Malformed(string why) =>
        new([new ValidationStatus(ValidationCodes.AssertionDataHashMalformed, ValidationStatusKind.Failure, null, why)]);

    private static HashExclusion ReadExclusion(CborReader reader)
    {
        long start = -1, length = -1;
        var fields = reader.ReadStartMap();
        for (var k = 0; fields is null ? reader.PeekState() != CborReaderState.EndMap : k < fields; k++)
        {
            switch (reader.ReadTextString())
            {
                case "start":
                    start = checked((long)reader.ReadUInt64());
                    break;
                case "length":
                    length = checked((long)reader.ReadUInt64());
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        reader.ReadEndMap();
        return start < 0 || length < 0 ? throw new CborContentException("a data-hash exclusion needs start and length") : new HashExclusion(start, length);
    }

    private static byte[] Encode(IReadOnlyList<HashExclusion> exclusions, byte[] hash, int padLength)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(5);
        writer.WriteTextString("exclusions");
        writer.WriteStartArray(exclusions.Count);
        foreach (var exclusion in exclusions)
        {
            writer.WriteStartMap(2);
            writer.WriteTextString("start");
            writer.WriteUInt64((ulong)exclusion.Start);
            writer.WriteTextString("length");
            writer.WriteUInt64((ulong)exclusion.Length);
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        writer.WriteTextString("name");
        writer.WriteTextString(Name);
        writer.WriteTextString("alg");
        writer.WriteTextString("sha256");
        writer.WriteTextString("hash");
        writer.WriteByteString(hash);
        writer.WriteTextString("pad");
        writer.WriteByteString(new byte[padLength]);
        writer.WriteEndMap();
        return writer.Encode();
    }
}
