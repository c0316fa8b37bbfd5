using System.Formats.Cbor;

namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>
/// The CBOR of a <c>c2pa.hash.bmff(.v2/.v3)</c> assertion, laid out as c2pa-rs's <c>BmffHash</c>
/// serialises it: <c>exclusions</c>, <c>alg</c>, <c>hash</c>, <c>merkle</c>, <c>name</c>, in that
/// order, absent fields left out. There is no <c>pad</c> field: c2pa-rs keeps the size fixed by
/// writing a zero hash of the algorithm's length first, and every other field is a constant.
/// </summary>
internal sealed record BmffHashAssertion(IReadOnlyList<BmffExclusion> Exclusions, string? Alg, byte[]? Hash, string? Name, bool HasMerkle)
{
    public const string DefaultName = "jumbf manifest";

    /// <summary>
    /// The exclusions c2pa-rs's <c>BmffHash::set_default_exclusions</c> writes for every BMFF asset:
    /// the C2PA uuid box (matched on its extended type at byte 8), ftyp, mfra, free and skip.
    /// </summary>
    public static IReadOnlyList<BmffExclusion> DefaultExclusions { get; } =
    [
        new("/uuid", Data: [new BmffDataMatch(8, BmffConstants.C2paUuid.ToArray())]),
        new("/ftyp"),
        new("/mfra"),
        new("/free"),
        new("/skip"),
    ];

    public static BmffHashAssertion ForHash(byte[] hash) => new(DefaultExclusions, "sha256", hash, DefaultName, HasMerkle: false);

    public byte[] ToCbor()
    {
        var writer = new CborWriter(CborConformanceMode.Strict);
        var fields = 1 + (Alg is null ? 0 : 1) + (Hash is null ? 0 : 1) + (Name is null ? 0 : 1);
        writer.WriteStartMap(fields);
        writer.WriteTextString("exclusions");
        writer.WriteStartArray(Exclusions.Count);
        foreach (var exclusion in Exclusions)
        {
            WriteExclusion(writer, exclusion);
        }

        writer.WriteEndArray();
        if (Alg is not null)
        {
            writer.WriteTextString("alg");
            writer.WriteTextString(Alg);
        }

        if (Hash is not null)
        {
            writer.WriteTextString("hash");
            writer.WriteByteString(Hash);
        }

        if (Name is not null)
        {
            writer.WriteTextString("name");
            writer.WriteTextString(Name);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    private static void WriteExclusion(CborWriter writer, BmffExclusion e)
    {
        var fields = 1 + (e.Length is null ? 0 : 1) + (e.Data is null ? 0 : 1) + (e.Subset is null ? 0 : 1)
            + (e.Version is null ? 0 : 1) + (e.Flags is null ? 0 : 1) + (e.Exact is null ? 0 : 1);
        writer.WriteStartMap(fields);
        writer.WriteTextString("xpath");
        writer.WriteTextString(e.XPath);
        if (e.Length is { } length)
        {
            writer.WriteTextString("length");
            writer.WriteUInt64(length);
        }

        if (e.Data is { } data)
        {
            writer.WriteTextString("data");
            writer.WriteStartArray(data.Count);
            foreach (var match in data)
            {
                writer.WriteStartMap(2);
                writer.WriteTextString("offset");
                writer.WriteUInt64(match.Offset);
                writer.WriteTextString("value");
                writer.WriteByteString(match.Value);
                writer.WriteEndMap();
            }

            writer.WriteEndArray();
        }

        if (e.Subset is { } subset)
        {
            writer.WriteTextString("subset");
            writer.WriteStartArray(subset.Count);
            foreach (var range in subset)
            {
                writer.WriteStartMap(2);
                writer.WriteTextString("offset");
                writer.WriteUInt64(range.Offset);
                writer.WriteTextString("length");
                writer.WriteUInt64(range.Length);
                writer.WriteEndMap();
            }

            writer.WriteEndArray();
        }

        if (e.Version is { } version)
        {
            writer.WriteTextString("version");
            writer.WriteUInt32(version);
        }

        if (e.Flags is { } flags)
        {
            writer.WriteTextString("flags");
            writer.WriteByteString(flags);
        }

        if (e.Exact is { } exact)
        {
            writer.WriteTextString("exact");
            writer.WriteBoolean(exact);
        }

        writer.WriteEndMap();
    }

    /// <summary>Decodes the assertion; throws <see cref="C2paFormatException"/> when the CBOR does not have the BmffHash shape.</summary>
    public static BmffHashAssertion FromCbor(ReadOnlyMemory<byte> cbor)
    {
        try
        {
            return BmffHashCborReader.Read(new CborReader(cbor, CborConformanceMode.Lax));
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or FormatException)
        {
            throw new C2paFormatException($"BMFF hash assertion: malformed CBOR ({e.Message}).", e);
        }
    }
}
