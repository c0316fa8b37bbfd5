using System.Text.Json;
using System.Text.Unicode;
using static Takt.Engine.Models.Safetensors.SafetensorsRule;

namespace Takt.Engine.Models.Safetensors;

/// <summary>
/// Parses and validates a header as the reference reader does (<c>read_metadata</c> +
/// <c>Metadata::validate</c>). It walks the JSON with <see cref="Utf8JsonReader"/> rather than a
/// DOM so that duplicate keys are seen: a DOM keeps one of them silently, which is the parser
/// differential the Trail of Bits audit (TOB-SFTN-7) warns about.
/// </summary>
internal static class SafetensorsHeader
{
    public const string MetadataKey = "__metadata__";

    /// <summary>The reference implementation's MAX_HEADER_SIZE.</summary>
    public const long MaxLength = 100_000_000;

    /// <summary>Returns the tensors in file order with absolute offsets, and the metadata.</summary>
    public static (IReadOnlyList<SafetensorsTensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Parse(
        ReadOnlySpan<byte> json, long dataLength)
    {
        if (!Utf8.IsValid(json))
        {
            throw Fail(InvalidHeader, null, "the header is not valid UTF-8");
        }

        // Stricter than serde, which would skip leading whitespace; the README says the header MUST start with '{'.
        if (json.IsEmpty || json[0] != (byte)'{')
        {
            throw Fail(InvalidHeaderStart, null, "the header must begin with '{'");
        }

        var entries = new List<(SafetensorsTensorSpec Spec, ulong Begin, ulong End)>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            Next(ref reader);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                if (!keys.Add(name))
                {
                    throw Fail(DuplicateKey, name, "the key appears more than once in the header");
                }

                Next(ref reader);
                if (string.Equals(name, MetadataKey, StringComparison.Ordinal))
                {
                    ReadMetadata(ref reader, metadata);
                }
                else
                {
                    entries.Add(ReadTensor(ref reader, name));
                }
            }

            if (reader.Read())
            {
                throw Fail(InvalidHeaderDeserialization, null, "content follows the header object");
            }
        }
        catch (JsonException e)
        {
            throw Fail(InvalidHeaderDeserialization, null, $"the header is not valid JSON ({e.Message})");
        }

        return (Validate(entries, json.Length, dataLength), metadata);
    }

    private static List<SafetensorsTensor> Validate(
        List<(SafetensorsTensorSpec Spec, ulong Begin, ulong End)> entries, long headerLength, long dataLength)
    {
        // Sorting by offsets, then requiring each tensor to start where the previous ended, forbids
        // gaps, overlaps and tied (shared) ranges in one rule, as the reference does.
        var sorted = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        var tensors = new List<SafetensorsTensor>(sorted.Count);
        ulong expected = 0;
        foreach (var (spec, begin, end) in sorted)
        {
            if (begin != expected)
            {
                throw Fail(InvalidOffset, spec.Name,
                    $"data_offsets begin at {begin} but the previous tensor ends at {expected} (gap or overlap)");
            }

            var length = ByteLength(spec);
            if (end - begin != (ulong)length)
            {
                throw Fail(TensorInvalidInfo, spec.Name,
                    $"data_offsets span {end - begin} bytes but shape and dtype need {length}");
            }

            if (end > (ulong)dataLength)
            {
                throw Fail(MetadataIncompleteBuffer, spec.Name,
                    $"data_offsets end at {end} but the data buffer holds {dataLength} bytes");
            }

            tensors.Add(new SafetensorsTensor(spec.Name, spec.Dtype, spec.Shape, 8 + headerLength + (long)begin, length));
            expected = end;
        }

        if (expected != (ulong)dataLength)
        {
            throw Fail(MetadataIncompleteBuffer, null,
                $"the tensors cover {expected} bytes but the data buffer holds {dataLength}");
        }

        return tensors;
    }

    /// <summary>product(shape) × dtype size, overflow-checked and kept within a file's reach.</summary>
    public static long ByteLength(SafetensorsTensorSpec spec)
    {
        try
        {
            ulong count = 1;
            foreach (var dim in spec.Shape)
            {
                count = checked(count * (ulong)dim);
            }

            var bytes = checked(count * (ulong)spec.Dtype.SizeInBytes());
            return checked((long)bytes);
        }
        catch (OverflowException)
        {
            throw Fail(ValidationOverflow, spec.Name, "the element count times the dtype size overflows");
        }
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return; // serde reads the Option as absent.
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(InvalidMetadata, MetadataKey, "__metadata__ must be an object of strings");
        }

        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            var value = Next(ref reader);
            if (value != JsonTokenType.String)
            {
                // A tensor-shaped entry here is the unreadable file issue #849 describes: name it as such.
                if (key is "dtype" or "shape" or "data_offsets")
                {
                    throw Fail(ReservedTensorName, MetadataKey, "a tensor may not be named __metadata__");
                }

                throw Fail(InvalidMetadata, MetadataKey, $"the value of '{key}' must be a string, not {value}");
            }

            if (!metadata.TryAdd(key, reader.GetString()!))
            {
                throw Fail(DuplicateKey, MetadataKey, $"metadata key '{key}' appears more than once");
            }
        }
    }

    private static (SafetensorsTensorSpec, ulong, ulong) ReadTensor(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(InvalidHeaderDeserialization, name, "a tensor entry must be an object");
        }

        SafetensorsDtype? dtype = null;
        List<long>? shape = null;
        (ulong Begin, ulong End)? offsets = null;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            if (!keys.Add(key))
            {
                throw Fail(DuplicateKey, name, $"'{key}' appears more than once in the entry");
            }

            Next(ref reader);
            switch (key)
            {
                case "dtype":
                    dtype = ReadDtype(ref reader, name);
                    break;
                case "shape":
                    shape = ReadShape(ref reader, name);
                    break;
                case "data_offsets":
                    offsets = ReadOffsets(ref reader, name);
                    break;
                default:
                    reader.Skip(); // serde ignores unknown fields; so do we.
                    break;
            }
        }

        if (dtype is null || shape is null || offsets is null)
        {
            throw Fail(InvalidHeaderDeserialization, name, "an entry needs dtype, shape and data_offsets");
        }

        return (new SafetensorsTensorSpec(name, dtype.Value, shape), offsets.Value.Begin, offsets.Value.End);
    }

    private static SafetensorsDtype ReadDtype(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Fail(UnknownDtype, name, "dtype must be a string");
        }

        var text = reader.GetString()!;
        return SafetensorsDtypes.TryParse(text, out var dtype)
            ? dtype
            : throw Fail(UnknownDtype, name, $"dtype '{text}' is not supported");
    }

    private static List<long> ReadShape(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Fail(InvalidShape, name, "shape must be an array");
        }

        var shape = new List<long>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var dim) || dim < 0)
            {
                throw Fail(InvalidShape, name, "shape dimensions must be non-negative integers");
            }

            shape.Add(dim);
        }

        return shape;
    }

    private static (ulong, ulong) ReadOffsets(ref Utf8JsonReader reader, string name)
    {
        const string Expected = "data_offsets must be [begin, end] with non-negative integers";
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Fail(InvalidOffset, name, Expected);
        }

        Span<ulong> values = stackalloc ulong[2];
        var count = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (count == 2 || reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt64(out values[count]))
            {
                throw Fail(InvalidOffset, name, Expected);
            }

            count++;
        }

        if (count != 2)
        {
            throw Fail(InvalidOffset, name, Expected);
        }

        return values[0] <= values[1]
            ? (values[0], values[1])
            : throw Fail(InvalidOffset, name, $"data_offsets begin {values[0]} is after end {values[1]}");
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw Fail(InvalidHeaderDeserialization, null, "the header ends early");
        }

        return reader.TokenType;
    }

    private static SafetensorsFormatException Fail(SafetensorsRule rule, string? tensor, string detail) =>
        new(rule, tensor, detail);
}
