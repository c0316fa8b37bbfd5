using Takt.Domain.Datasets;

namespace Takt.Archive.Datasets.Layouts;

/// <summary>
/// One sample ready to be laid out: its derived files (already at the bucket size) and caption.
/// Layouts copy the files; they never resample.
/// </summary>
public sealed record LayoutSample
{
    /// <summary>Unique, [a-z0-9-] only (see <see cref="DatasetStems"/>).</summary>
    public required string Stem { get; init; }

    public required Guid Asset { get; init; }

    /// <summary>Never empty; written as UTF-8, first line primary.</summary>
    public required string Caption { get; init; }

    /// <summary>The derived PNG (or, for video clips, the encoded MP4).</summary>
    public required string MediaFile { get; init; }

    public string? ConditioningFile { get; init; }

    public string? MaskFile { get; init; }

    public required PixelSize Bucket { get; init; }

    /// <summary>Video clips: frames in the clip.</summary>
    public int? Frames { get; init; }
}
