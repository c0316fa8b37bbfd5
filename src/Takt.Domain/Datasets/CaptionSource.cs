namespace Takt.Domain.Datasets;

/// <summary>Where a sample's caption comes from. Whatever the source, a caption is never empty.</summary>
public enum CaptionSource
{
    /// <summary>The asset's tags, layer kind and names, as archived.</summary>
    LayerMetadata,

    /// <summary>A text asset (script, caption) archived beside the image: same stem first, else the cut's.</summary>
    ArchiveText,

    /// <summary>A JSON file mapping asset ids or archived paths to captions.</summary>
    CaptionFile,
}
