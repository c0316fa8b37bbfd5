using System.Buffers.Binary;

namespace Takt.Archive.Signals;

/// <summary>
/// Finds the raw C2PA manifest store (JUMBF) embedded in a PNG (<c>caBX</c> chunk, C2PA A.3.2)
/// or a JPEG (APP11 JPEG XT segments, C2PA A.3.1). Only locates bytes; nothing is trusted yet.
/// </summary>
internal static class C2paManifestLocator
{
    /// <summary>Manifest stores are kilobytes; anything past this is treated as hostile.</summary>
    public const int MaxStoreBytes = 64 * 1024 * 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[]? Find(ReadOnlySpan<byte> file, List<string> warnings)
    {
        if (file.StartsWith(PngSignature))
        {
            return FindInPng(file, warnings);
        }

        if (file.Length >= 3 && file[0] == 0xFF && file[1] == 0xD8 && file[2] == 0xFF)
        {
            return JpegApp11Assembler.Find(file, warnings);
        }

        // A bare .c2pa sidecar is the JUMBF store itself.
        if (file.Length >= 8 && file.Slice(4, 4).SequenceEqual("jumb"u8))
        {
            return file.Length <= MaxStoreBytes ? file.ToArray() : TooLarge(warnings, file.Length);
        }

        return null;
    }

    private static byte[]? FindInPng(ReadOnlySpan<byte> file, List<string> warnings)
    {
        byte[]? found = null;
        var position = PngSignature.Length;
        while (position < file.Length)
        {
            if (file.Length - position < 12)
            {
                warnings.Add($"PNG is truncated at offset {position}");
                break;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(file.Slice(position, 4));
            var type = file.Slice(position + 4, 4);
            if (length > (uint)(file.Length - position - 12))
            {
                warnings.Add($"PNG chunk at offset {position} declares {length} bytes past the end of the file");
                break;
            }

            var data = file.Slice(position + 8, (int)length);
            if (type.SequenceEqual("caBX"u8))
            {
                var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file.Slice(position + 8 + (int)length, 4));
                if (Crc32.Compute(file.Slice(position + 4, 4 + (int)length)) != storedCrc)
                {
                    warnings.Add($"PNG caBX chunk at offset {position} has a bad CRC; manifest ignored");
                }
                else if (found is not null)
                {
                    // C2PA allows one manifest store per asset; a second is ambiguous, so keep the first.
                    warnings.Add("PNG has more than one caBX chunk; only the first was read");
                }
                else
                {
                    found = length <= MaxStoreBytes ? data.ToArray() : TooLarge(warnings, (int)length);
                }
            }

            if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            position += 12 + (int)length;
        }

        return found;
    }

    private static byte[]? TooLarge(List<string> warnings, int length)
    {
        warnings.Add($"C2PA manifest store of {length} bytes exceeds the {MaxStoreBytes}-byte limit; not read");
        return null;
    }
}
