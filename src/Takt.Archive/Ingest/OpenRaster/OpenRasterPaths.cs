namespace Takt.Archive.Ingest.OpenRaster;

/// <summary>
/// Layer <c>src</c> values are zip entry names chosen by whoever made the file. Anything that could
/// escape the archive when a later step extracts or resolves it (zip-slip) is refused outright.
/// </summary>
internal static class OpenRasterPaths
{
    public static string? Validate(string src)
    {
        if (string.IsNullOrWhiteSpace(src))
        {
            return "layer has no src";
        }

        if (src.Contains('\\', StringComparison.Ordinal))
        {
            return $"layer src '{src}' contains a backslash (path traversal)";
        }

        if (src.Length >= 2 && char.IsAsciiLetter(src[0]) && src[1] == ':')
        {
            return $"layer src '{src}' has a drive letter (path traversal)";
        }

        if (src.StartsWith('/') || src.Contains(':', StringComparison.Ordinal))
        {
            return $"layer src '{src}' is an absolute path or URI (path traversal)";
        }

        if (src.Split('/').Any(segment => segment == ".."))
        {
            return $"layer src '{src}' contains '..' (path traversal)";
        }

        if (src.Any(char.IsControl))
        {
            return $"layer src '{src}' contains control characters";
        }

        return null;
    }
}
