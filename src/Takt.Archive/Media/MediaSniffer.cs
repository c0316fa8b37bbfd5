using System.Text.Unicode;

namespace Takt.Archive.Media;

/// <summary>Identifies a file by its magic bytes; the extension only breaks ties for text.</summary>
public static class MediaSniffer
{
    public const int HeaderLength = 64;

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".md", ".fountain", ".srt", ".vtt", ".ass", ".csv",
    };

    public static MediaFormat Sniff(ReadOnlySpan<byte> head, string fileName)
    {
        // Bytes, not a u8 string: "\x89"u8 is U+0089 in UTF-8 (C2 89), which no PNG starts with.
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return MediaFormat.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return MediaFormat.Jpeg;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            var form = head[8..12];
            if (form.SequenceEqual("WEBP"u8))
            {
                return MediaFormat.WebP;
            }

            if (form.SequenceEqual("WAVE"u8))
            {
                return MediaFormat.Wav;
            }
        }

        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
        {
            return MediaFormat.Tiff;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return MediaFormat.Gif;
        }

        // OpenRaster: a zip whose first entry is an uncompressed "mimetype" holding image/openraster.
        if (head.StartsWith("PK\x03\x04"u8) && head.IndexOf("image/openraster"u8) >= 0)
        {
            return MediaFormat.OpenRaster;
        }

        if (head.StartsWith("8BPS"u8))
        {
            return MediaFormat.Psd;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return MediaFormat.Mp4;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return MediaFormat.Matroska;
        }

        if (head.StartsWith("OggS"u8))
        {
            return MediaFormat.Ogg;
        }

        if (head.StartsWith("fLaC"u8))
        {
            return MediaFormat.Flac;
        }

        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0))
        {
            return MediaFormat.Mp3;
        }

        return TextExtensions.Contains(Path.GetExtension(fileName)) && LooksLikeText(head) ? MediaFormat.Text : MediaFormat.Unknown;
    }

    public static bool IsRasterImage(this MediaFormat format) =>
        format is MediaFormat.Png or MediaFormat.Jpeg or MediaFormat.WebP or MediaFormat.Tiff or MediaFormat.Gif;

    public static bool IsTimeBased(this MediaFormat format) =>
        format is MediaFormat.Wav or MediaFormat.Mp4 or MediaFormat.Matroska or MediaFormat.Ogg or MediaFormat.Flac or MediaFormat.Mp3;

    public static string MediaType(this MediaFormat format) => format switch
    {
        MediaFormat.Png => "image/png",
        MediaFormat.Jpeg => "image/jpeg",
        MediaFormat.WebP => "image/webp",
        MediaFormat.Tiff => "image/tiff",
        MediaFormat.Gif => "image/gif",
        MediaFormat.OpenRaster => "image/openraster",
        MediaFormat.Psd => "image/vnd.adobe.photoshop",
        MediaFormat.Wav => "audio/wav",
        MediaFormat.Mp4 => "video/mp4",
        MediaFormat.Matroska => "video/x-matroska",
        MediaFormat.Ogg => "audio/ogg",
        MediaFormat.Flac => "audio/flac",
        MediaFormat.Mp3 => "audio/mpeg",
        MediaFormat.Text => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>The extensions a format is normally saved with, to flag wrongly named files.</summary>
    public static bool ExtensionMatches(this MediaFormat format, string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        return format switch
        {
            MediaFormat.Png => ext == ".png",
            MediaFormat.Jpeg => ext is ".jpg" or ".jpeg" or ".jpe",
            MediaFormat.WebP => ext == ".webp",
            MediaFormat.Tiff => ext is ".tif" or ".tiff",
            MediaFormat.Gif => ext == ".gif",
            MediaFormat.OpenRaster => ext == ".ora",
            MediaFormat.Wav => ext == ".wav",
            MediaFormat.Mp4 => ext is ".mp4" or ".mov" or ".m4a" or ".m4v",
            MediaFormat.Matroska => ext is ".mkv" or ".webm",
            _ => true,
        };
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        // A cut multi-byte sequence at the end of the sample is fine; anything else must be UTF-8.
        var sample = head.Length > 4 ? head[..^4] : head;
        return Utf8.IsValid(sample);
    }
}
