namespace Takt.Archive.Signals;

/// <summary>
/// One call that reads every consent signal a file carries about itself: the IPTC data-mining
/// property in its XMP and the training-mining assertion in its C2PA manifest. Grants keep their
/// source, so the consent policy can rank a C2PA assertion above plain XMP.
/// </summary>
public static class EmbeddedConsentReader
{
    /// <summary>Files are scanned whole in memory; larger ones (video masters) are left to format-specific readers.</summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    /// <param name="xmpPacket">The packet as the decoder exposed it (NetVips "xmp-data"); when null the file is searched for a raw packet.</param>
    public static EmbeddedConsent Read(ReadOnlySpan<byte> file, string? xmpPacket, DateTimeOffset at)
    {
        var packet = xmpPacket ?? RawXmpLocator.Find(file);
        var xmp = packet is null ? EmbeddedConsent.None : XmpConsentReader.Read(packet, at);
        var c2pa = C2paTrainingMiningReader.Read(file, at);
        return new EmbeddedConsent([.. xmp.Grants, .. c2pa.Grants], [.. xmp.Warnings, .. c2pa.Warnings]);
    }

    public static async Task<EmbeddedConsent> ReadAsync(Stream stream, string? xmpPacket, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                return TooLarge(xmpPacket, at);
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), xmpPacket, at);
    }

    public static async Task<EmbeddedConsent> ReadAsync(string filePath, string? xmpPacket, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return stream.Length > MaxFileBytes
            ? TooLarge(xmpPacket, at)
            : await ReadAsync(stream, xmpPacket, at, cancellationToken);
    }

    private static EmbeddedConsent TooLarge(string? xmpPacket, DateTimeOffset at)
    {
        var xmp = xmpPacket is null ? EmbeddedConsent.None : XmpConsentReader.Read(xmpPacket, at);
        return xmp with { Warnings = [.. xmp.Warnings, $"file larger than {MaxFileBytes} bytes; C2PA manifest not searched"] };
    }
}
