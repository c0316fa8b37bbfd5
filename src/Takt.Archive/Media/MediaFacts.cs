namespace Takt.Archive.Media;

/// <summary>What decoding a file told us: size, depth, colour, time, its content identity and any embedded XMP.</summary>
public sealed record MediaFacts
{
    public required MediaFormat Format { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public int? BitDepth { get; init; }

    public int? Channels { get; init; }

    public string? ColourSpace { get; init; }

    public int? FrameCount { get; init; }

    public double? DurationSeconds { get; init; }

    /// <summary>sha256 of the decoded content (pixels with their shape, or normalised text).</summary>
    public string? ContentHash { get; init; }

    public string? XmpPacket { get; init; }
}
