using System.Formats.Cbor;

namespace Takt.Provenance.C2pa.Reading;

/// <summary>
/// Decodes untrusted CBOR into plain .NET values (maps with string keys, lists, byte arrays,
/// strings, longs, doubles, bools, null) with hard caps on nesting and item count, so a hostile
/// claim or assertion cannot exhaust the stack or memory. CborReader checks every declared
/// length against the bytes it actually has before reading, so nothing is allocated from a
/// declared length alone.
/// </summary>
internal static class CborTree
{
    public const int MaxDepth = 64;
    public const int MaxItems = 200_000;

    /// <summary>Decodes one complete CBOR item; throws <see cref="FormatException"/> naming the problem.</summary>
    public static object? Decode(ReadOnlyMemory<byte> data)
    {
        try
        {
            var reader = new CborReader(data, CborConformanceMode.Lax, allowMultipleRootLevelValues: false);
            var items = 0;
            var value = Read(reader, 0, ref items);
            if (reader.BytesRemaining != 0)
            {
                throw new FormatException($"{reader.BytesRemaining} bytes follow the CBOR item");
            }

            return value;
        }
        catch (CborContentException ex)
        {
            throw new FormatException($"invalid CBOR: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException($"invalid CBOR: {ex.Message}", ex);
        }
        catch (OverflowException ex)
        {
            throw new FormatException($"invalid CBOR: {ex.Message}", ex);
        }
    }

    private static object? Read(CborReader reader, int depth, ref int items)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"CBOR nested deeper than {MaxDepth}");
        }

        if (++items > MaxItems)
        {
            throw new FormatException($"CBOR has more than {MaxItems} items");
        }

        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
                var unsigned = reader.ReadUInt64();
                return unsigned <= long.MaxValue ? (object)(long)unsigned : (double)unsigned;
            case CborReaderState.NegativeInteger:
                // -1 - n; below long.MinValue only as a double, which no C2PA field needs exactly.
                var negative = reader.ReadCborNegativeIntegerRepresentation();
                return negative < long.MaxValue ? (object)(-1 - (long)negative) : -1d - negative;
            case CborReaderState.ByteString:
                return reader.ReadByteString();
            case CborReaderState.StartIndefiniteLengthByteString:
                return reader.ReadByteString();
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                return reader.ReadTextString();
            case CborReaderState.StartArray:
                return ReadArray(reader, depth, ref items);
            case CborReaderState.StartMap:
                return ReadMap(reader, depth, ref items);
            case CborReaderState.Tag:
                reader.ReadTag();
                return Read(reader, depth + 1, ref items);
            case CborReaderState.Boolean:
                return reader.ReadBoolean();
            case CborReaderState.Null:
                reader.ReadNull();
                return null;
            case CborReaderState.SimpleValue:
                reader.ReadSimpleValue();
                return null;
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                return reader.ReadDouble();
            default:
                throw new FormatException($"unexpected CBOR state {reader.PeekState()}");
        }
    }

    private static List<object?> ReadArray(CborReader reader, int depth, ref int items)
    {
        var declared = reader.ReadStartArray();
        // A declared count larger than the remaining bytes cannot be honest (every item takes a byte).
        if (declared is { } n && n > reader.BytesRemaining)
        {
            throw new FormatException($"CBOR array declares {n} items but only {reader.BytesRemaining} bytes remain");
        }

        var list = new List<object?>(Math.Min(declared ?? 4, 1024));
        while (reader.PeekState() != CborReaderState.EndArray)
        {
            list.Add(Read(reader, depth + 1, ref items));
        }

        reader.ReadEndArray();
        return list;
    }

    private static Dictionary<string, object?> ReadMap(CborReader reader, int depth, ref int items)
    {
        var declared = reader.ReadStartMap();
        if (declared is { } n && n > reader.BytesRemaining / 2)
        {
            throw new FormatException($"CBOR map declares {n} entries but only {reader.BytesRemaining} bytes remain");
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var key = Read(reader, depth + 1, ref items) switch
            {
                string s => s,
                long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
                var other => other?.ToString() ?? "null",
            };
            map[key] = Read(reader, depth + 1, ref items);
        }

        reader.ReadEndMap();
        return map;
    }

    public static string? Text(this IReadOnlyDictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var v) ? v as string : null;

    public static IReadOnlyDictionary<string, object?>? Map(this IReadOnlyDictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var v) ? v as Dictionary<string, object?> : null;

    public static IReadOnlyList<object?>? List(this IReadOnlyDictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var v) ? v as List<object?> : null;

}
