using System.Formats.Cbor;

namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>
/// Reads BmffHash CBOR as c2pa-rs's serde does: unknown keys are skipped and an optional field
/// may be absent or null (older c2pa-rs wrote every field, nulls included, e.g. its video1.mp4).
/// </summary>
internal static class BmffHashCborReader
{
    public static BmffHashAssertion Read(CborReader reader)
    {
        IReadOnlyList<BmffExclusion>? exclusions = null;
        string? alg = null;
        byte[]? hash = null;
        string? name = null;
        var hasMerkle = false;
        ReadMap(reader, key =>
        {
            switch (key)
            {
                case "exclusions":
                    exclusions = ReadArray(reader, ReadExclusion);
                    break;
                case "alg":
                    alg = ReadNullable(reader, reader.ReadTextString);
                    break;
                case "hash":
                    hash = ReadNullable(reader, reader.ReadByteString);
                    break;
                case "name":
                    name = ReadNullable(reader, reader.ReadTextString);
                    break;
                case "merkle":
                    hasMerkle = reader.PeekState() != CborReaderState.Null;
                    reader.SkipValue();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        });

        if (reader.BytesRemaining != 0)
        {
            throw new C2paFormatException("BMFF hash assertion: trailing bytes after the CBOR map.");
        }

        return new BmffHashAssertion(
            exclusions ?? throw new C2paFormatException("BMFF hash assertion: no exclusions field."),
            alg, hash, name, hasMerkle);
    }

    private static BmffExclusion ReadExclusion(CborReader reader)
    {
        string? xpath = null;
        ulong? length = null;
        IReadOnlyList<BmffDataMatch>? data = null;
        IReadOnlyList<BmffSubset>? subset = null;
        byte? version = null;
        byte[]? flags = null;
        bool? exact = null;
        ReadMap(reader, key =>
        {
            switch (key)
            {
                case "xpath":
                    xpath = reader.ReadTextString();
                    break;
                case "length":
                    length = ReadNullableValue(reader, reader.ReadUInt64);
                    break;
                case "data":
                    data = ReadNullable(reader, () => ReadArray(reader, ReadDataMatch));
                    break;
                case "subset":
                    subset = ReadNullable(reader, () => ReadArray(reader, ReadSubset));
                    break;
                case "version":
                    version = ReadNullableValue(reader, () => checked((byte)reader.ReadUInt32()));
                    break;
                case "flags":
                    flags = ReadNullable(reader, reader.ReadByteString);
                    break;
                case "exact":
                    exact = ReadNullableValue(reader, reader.ReadBoolean);
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        });
        return new BmffExclusion(xpath ?? throw new C2paFormatException("BMFF hash assertion: an exclusion has no xpath."),
            length, data, subset, version, flags, exact);
    }

    private static BmffDataMatch ReadDataMatch(CborReader reader)
    {
        ulong? offset = null;
        byte[]? value = null;
        ReadMap(reader, key =>
        {
            switch (key)
            {
                case "offset":
                    offset = reader.ReadUInt64();
                    break;
                case "value":
                    value = reader.ReadByteString();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        });
        return new BmffDataMatch(offset ?? throw new C2paFormatException("BMFF hash assertion: a data match has no offset."),
            value ?? throw new C2paFormatException("BMFF hash assertion: a data match has no value."));
    }

    private static BmffSubset ReadSubset(CborReader reader)
    {
        ulong? offset = null;
        ulong? length = null;
        ReadMap(reader, key =>
        {
            switch (key)
            {
                case "offset":
                    offset = reader.ReadUInt64();
                    break;
                case "length":
                    length = reader.ReadUInt64();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        });
        return new BmffSubset(offset ?? throw new C2paFormatException("BMFF hash assertion: a subset has no offset."),
            length ?? throw new C2paFormatException("BMFF hash assertion: a subset has no length."));
    }

    private static void ReadMap(CborReader reader, Action<string> readValue)
    {
        var count = reader.ReadStartMap();
        for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
        {
            readValue(reader.ReadTextString());
        }

        reader.ReadEndMap();
    }

    private static List<T> ReadArray<T>(CborReader reader, Func<CborReader, T> readItem)
    {
        var count = reader.ReadStartArray();
        var items = new List<T>();
        while (count is null ? reader.PeekState() != CborReaderState.EndArray : items.Count < count)
        {
            items.Add(readItem(reader));
        }

        reader.ReadEndArray();
        return items;
    }

    private static T? ReadNullable<T>(CborReader reader, Func<T> read)
        where T : class
    {
        if (reader.PeekState() == CborReaderState.Null)
        {
            reader.ReadNull();
            return null;
        }

        return read();
    }

    private static T? ReadNullableValue<T>(CborReader reader, Func<T> read)
        where T : struct
    {
        if (reader.PeekState() == CborReaderState.Null)
        {
            reader.ReadNull();
            return null;
        }

        return read();
    }
}
