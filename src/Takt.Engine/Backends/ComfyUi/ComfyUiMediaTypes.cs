using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// What kind of file an output is. ComfyUI does not say: core lists video under <c>images</c> with
/// <c>animated</c>, custom nodes use their own keys, so the file's extension (or a custom node's
/// <c>format</c>) decides, as SwarmUI and other clients do.
/// </summary>
internal static class ComfyUiMediaTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".webp"] = "image/webp",
        [".gif"] = "image/gif",
        [".bmp"] = "image/bmp",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".exr"] = "image/x-exr",
        [".mp4"] = "video/mp4",
        [".m4v"] = "video/mp4",
        [".webm"] = "video/webm",
        [".mov"] = "video/quicktime",
        [".mkv"] = "video/x-matroska",
        [".avi"] = "video/x-msvideo",
        [".wav"] = "audio/wav",
        [".flac"] = "audio/flac",
        [".mp3"] = "audio/mpeg",
        [".ogg"] = "audio/ogg",
        [".opus"] = "audio/opus",
        [".m4a"] = "audio/mp4",
    };

    public static string? Of(ComfyUiOutputFile file)
    {
        if (ByExtension.TryGetValue(Path.GetExtension(file.FileName), out var byName))
        {
            return byName;
        }

        // Custom video nodes label their files, e.g. "video/h264-mp4" or "image/gif".
        return file.Format is { } format && format.Contains('/', StringComparison.Ordinal) ? format.Split('-')[0] : null;
    }

    public static string ExtensionOf(string mediaType) =>
        ByExtension.FirstOrDefault(p => string.Equals(p.Value, mediaType, StringComparison.OrdinalIgnoreCase)).Key ?? ".bin";

    /// <summary>Whether a file can fill a port: animated images (GIF, animated WebP) count as video.</summary>
    public static bool Fits(PortType port, string mediaType, bool animated) => port switch
    {
        PortType.Image or PortType.Mask => mediaType.StartsWith("image/", StringComparison.Ordinal) && !animated,
        PortType.Video => mediaType.StartsWith("video/", StringComparison.Ordinal) || (animated && mediaType.StartsWith("image/", StringComparison.Ordinal)),
        PortType.Audio => mediaType.StartsWith("audio/", StringComparison.Ordinal),
        _ => false,
    };
}
