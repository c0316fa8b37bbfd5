using System.Buffers.Binary;
using System.Text;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>An independent, minimal top-level box lister for the tests, so they do not check the reader with itself.</summary>
public static class Mp4Layout
{
    public sealed record Box(string Type, long Offset, long Size, int HeaderSize);

    public static IReadOnlyList<Box> TopLevel(byte[] file)
    {
        var boxes = new List<Box>();
        var offset = 0L;
        while (offset < file.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan((int)offset));
            var header = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan((int)offset + 8));
                header = 16;
            }
            else if (size == 0)
            {
                size = file.Length - offset;
            }

            boxes.Add(new Box(Encoding.Latin1.GetString(file, (int)offset + 4, 4), offset, size, header));
            offset += size;
        }

        return boxes;
    }
}
