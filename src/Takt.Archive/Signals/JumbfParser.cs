using System.Buffers.Binary;
using System.Text;

namespace Takt.Archive.Signals;

/// <summary>
/// Parses JUMBF box trees from untrusted bytes. Every length is checked against its enclosing
/// box, nesting and box count are capped, and any inconsistency is reported as a
/// <see cref="FormatException"/> that the caller turns into a warning.
/// </summary>
internal static class JumbfParser
{
    // A C2PA store nests store → manifest → assertion store → assertion → content: 5 levels.
    // 16 leaves room for ingredients and future nesting while bounding hostile input.
    public const int MaxDepth = 16;
    public const int MaxBoxes = 10_000;

    private const int DescriptionFixedLength = 17; // 16-byte UUID + 1 toggle byte
    private const byte LabelPresent = 0x02;

    public static IReadOnlyList<JumbfBox> Parse(ReadOnlySpan<byte> buffer)
    {
        var count = 0;
        return ParseSequence(buffer, 0, buffer.Length, 0, ref count);
    }

    private static List<JumbfBox> ParseSequence(ReadOnlySpan<byte> buffer, int start, int end, int depth, ref int count)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"JUMBF nesting deeper than {MaxDepth}");
        }

        var boxes = new List<JumbfBox>();
        var position = start;
        while (position < end)
        {
            if (++count > MaxBoxes)
            {
                throw new FormatException($"JUMBF has more than {MaxBoxes} boxes");
            }

            var (type, contentStart, boxEnd) = ReadHeader(buffer, position, end);
            var contentLength = boxEnd - contentStart;
            if (type == "jumb")
            {
                var children = ParseSequence(buffer, contentStart, boxEnd, depth + 1, ref count);
                if (children.Count == 0 || children[0].Type != "jumd")
                {
                    throw new FormatException($"JUMBF superbox at offset {position} does not start with a jumd description box");
                }

                var label = ReadLabel(children[0].Content(buffer));
                boxes.Add(new JumbfBox(type, contentStart, contentLength, label, children));
            }
            else
            {
                boxes.Add(new JumbfBox(type, contentStart, contentLength, null, []));
            }

            // ReadHeader guarantees boxEnd > position, so the loop always advances.
            position = boxEnd;
        }

        return boxes;
    }

    /// <summary>Box header: 4-byte size (0 = to the end, 1 = 8-byte XLBox follows) and 4-byte type.</summary>
    private static (string Type, int ContentStart, int BoxEnd) ReadHeader(ReadOnlySpan<byte> buffer, int position, int end)
    {
        if (end - position < 8)
        {
            throw new FormatException($"truncated JUMBF box header at offset {position}");
        }

        long size = BinaryPrimitives.ReadUInt32BigEndian(buffer.Slice(position, 4));
        var type = ReadType(buffer.Slice(position + 4, 4), position);
        var headerLength = 8;
        if (size == 1)
        {
            if (end - position < 16)
            {
                throw new FormatException($"truncated JUMBF extended size at offset {position}");
            }

            var extended = BinaryPrimitives.ReadUInt64BigEndian(buffer.Slice(position + 8, 8));
            size = extended > int.MaxValue ? long.MaxValue : (long)extended;
            headerLength = 16;
        }
        else if (size == 0)
        {
            size = end - position;
        }

        if (size < headerLength || size > end - position)
        {
            throw new FormatException($"JUMBF box '{type}' at offset {position} declares size {size}, outside its {end - position}-byte container");
        }

        return (type, position + headerLength, position + (int)size);
    }

    private static string ReadType(ReadOnlySpan<byte> bytes, int position)
    {
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E)
            {
                throw new FormatException($"JUMBF box at offset {position} has a non-printable type");
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }

    /// <summary>Description box: UUID, toggles, then a NUL-terminated UTF-8 label when toggle bit 0x02 is set.</summary>
    private static string? ReadLabel(ReadOnlySpan<byte> description)
    {
        if (description.Length < DescriptionFixedLength)
        {
            throw new FormatException("JUMBF description box is shorter than its fixed 17 bytes");
        }

        if ((description[16] & LabelPresent) == 0)
        {
            return null;
        }

        var rest = description[DescriptionFixedLength..];
        var terminator = rest.IndexOf((byte)0);
        if (terminator < 0)
        {
            throw new FormatException("JUMBF description label is not NUL-terminated");
        }

        return Encoding.UTF8.GetString(rest[..terminator]);
    }
}
