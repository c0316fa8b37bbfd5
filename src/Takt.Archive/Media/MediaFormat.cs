namespace Takt.Archive.Media;

/// <summary>What a file really is, decided from its first bytes rather than its name.</summary>
public enum MediaFormat
{
    Unknown,
    Png,
    Jpeg,
    WebP,
    Tiff,
    Gif,
    OpenRaster,
    Psd,
    Wav,
    Mp4,
    Matroska,
    Ogg,
    Flac,
    Mp3,
    Text,
}
