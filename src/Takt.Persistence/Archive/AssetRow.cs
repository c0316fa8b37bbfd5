namespace Takt.Persistence.Archive;

/// <summary>
/// One archived file, or one layer of a layered file. Rows are only ever inserted: the bytes
/// live in the blob store under <see cref="Sha256"/> and never change.
/// </summary>
public sealed class AssetRow
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid ProjectId { get; set; }

    public Guid? SceneId { get; set; }

    public Guid? CutId { get; set; }

    public Guid WorkId { get; set; }

    /// <summary>The layered file this layer came from.</summary>
    public Guid? ContainerId { get; set; }

    public required string LayerKind { get; set; }

    public required string Name { get; set; }

    /// <summary>Path relative to the ingest root; for a layer, "file.ora#data/layer.png".</summary>
    public required string OriginalPath { get; set; }

    public required string Sha256 { get; set; }

    /// <summary>Hash of the decoded pixels (images) or normalised text, so re-encoding keeps identity.</summary>
    public string? ContentHash { get; set; }

    public required string MediaType { get; set; }

    public long ByteLength { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    public int? BitDepth { get; set; }

    public int? Channels { get; set; }

    public string? ColourSpace { get; set; }

    public int? FrameCount { get; set; }

    public double? DurationSeconds { get; set; }

    /// <summary>Layer placement and other format-specific facts as JSON (offsets, opacity, blend mode, stack path).</summary>
    public string? Attributes { get; set; }

    public string? SourceTool { get; set; }

    /// <summary>Comma-separated tags.</summary>
    public string? Tags { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset IngestedAt { get; set; }
}
