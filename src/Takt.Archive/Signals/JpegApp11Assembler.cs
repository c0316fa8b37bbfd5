using System.Buffers.Binary;

namespace Takt.Archive.Signals;

/// <summary>
/// Reassembles a JUMBF box split over JPEG APP11 segments (JPEG XT, ISO/IEC 18477-3; ISO 19566-5 D.2).
/// Each segment payload is CI "JP", En (box instance), Z (sequence), then box data. Segments after
/// the first repeat the box's LBox/TBox header (8 bytes, 16 with XLBox), which is skipped, as c2pa-rs does.
/// </summary>
internal static class JpegApp11Assembler
{
    private const int App11 = 0xEB;
    private const int PayloadHeader = 8; // "JP" + En(2) + Z(4)

    public static byte[]? Find(ReadOnlySpan<byte> file, List<string> warnings)
    {
        var groups = CollectSegments(file, warnings);
        foreach (var (instance, segments) in groups.OrderBy(g => g.Key))
        {
            var assembled = Assemble(file, instance, segments, warnings);
            // Other JPEG XT boxes (e.g. HDR residuals) share APP11; only the one labelled c2pa is a manifest store.
            if (assembled is not null && IsC2paStore(assembled))
            {
                return assembled;
            }
        }

        return null;
    }

    private static Dictionary<int, List<(uint Sequence, int Offset, int Length)>> CollectSegments(ReadOnlySpan<byte> file, List<string> warnings)
    {
        var groups = new Dictionary<int, List<(uint, int, int)>>();
        var position = 2;
        while (position < file.Length)
        {
            if (file[position] != 0xFF)
            {
                warnings.Add($"JPEG marker expected at offset {position}; stopped scanning");
                break;
            }

            // Fill bytes (0xFF padding) may precede a marker.
            while (position < file.Length && file[position] == 0xFF)
            {
                position++;
            }

            if (position >= file.Length)
            {
                break;
            }

            var marker = file[position++];
            if (marker is 0xD9 or 0xDA)
            {
                break; // EOI, or SOS: APP segments precede the entropy-coded data.
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                continue; // markers without a length field
            }

            if (file.Length - position < 2)
            {
                warnings.Add("JPEG is truncated inside a segment header");
                break;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(file.Slice(position, 2));
            if (length < 2 || length > file.Length - position)
            {
                warnings.Add($"JPEG segment at offset {position - 2} declares {length} bytes past the end of the file");
                break;
            }

            var payload = file.Slice(position + 2, length - 2);
            if (marker == App11 && payload.Length >= PayloadHeader && payload.StartsWith("JP"u8))
            {
                int instance = BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(2, 2));
                var sequence = BinaryPrimitives.ReadUInt32BigEndian(payload.Slice(4, 4));
                if (!groups.TryGetValue(instance, out var list))
                {
                    groups[instance] = list = [];
                }

                list.Add((sequence, position + 2 + PayloadHeader, payload.Length - PayloadHeader));
            }

            position += length;
        }

        return groups;
    }

    private static byte[]? Assemble(ReadOnlySpan<byte> file, int instance, List<(uint Sequence, int Offset, int Length)> segments, List<string> warnings)
    {
        segments.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        for (var i = 1; i < segments.Count; i++)
        {
            if (segments[i].Sequence != segments[i - 1].Sequence + 1)
            {
                warnings.Add($"JPEG APP11 box instance {instance} has missing or duplicate sequence numbers; ignored");
                return null;
            }
        }

        var first = file.Slice(segments[0].Offset, segments[0].Length);
        if (first.Length < 8)
        {
            warnings.Add($"JPEG APP11 box instance {instance} is too short to hold a box header");
            return null;
        }

        var repeatedHeader = BinaryPrimitives.ReadUInt32BigEndian(first) == 1 ? 16 : 8;
        var total = (long)first.Length;
        foreach (var segment in segments.Skip(1))
        {
            if (segment.Length < repeatedHeader)
            {
                warnings.Add($"JPEG APP11 box instance {instance} has a continuation segment without its box header");
                return null;
            }

            total += segment.Length - repeatedHeader;
        }

        if (total > C2paManifestLocator.MaxStoreBytes)
        {
            warnings.Add($"JPEG APP11 box instance {instance} of {total} bytes exceeds the {C2paManifestLocator.MaxStoreBytes}-byte limit");
            return null;
        }

        var buffer = new byte[total];
        first.CopyTo(buffer);
        var written = first.Length;
        foreach (var segment in segments.Skip(1))
        {
            var data = file.Slice(segment.Offset + repeatedHeader, segment.Length - repeatedHeader);
            data.CopyTo(buffer.AsSpan(written));
            written += data.Length;
        }

        return buffer;
    }

    private static bool IsC2paStore(byte[] jumbf)
    {
        try
        {
            var boxes = JumbfParser.Parse(jumbf);
            return boxes.Count > 0 && boxes[0].IsSuperbox && boxes[0].Label == "c2pa";
        }
        catch (FormatException)
        {
            // Let the main reader report the corruption if this is the only candidate.
            return jumbf.Length >= 8 && jumbf.AsSpan(4, 4).SequenceEqual("jumb"u8);
        }
    }
}
