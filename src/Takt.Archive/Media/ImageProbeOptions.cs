namespace Takt.Archive.Media;

public sealed record ImageProbeOptions
{
    /// <summary>
    /// The most pixels (all pages together) a file may decode to. A 20 KB PNG can claim
    /// 100k×100k pixels; the header is checked against this before any pixel is decoded.
    /// </summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>16k × 16k: larger than any production layer, far below what would exhaust memory.</summary>
    public const long DefaultMaxPixels = 268_435_456;
}
