namespace Takt.Persistence.Datasets;

/// <summary>
/// A built dataset version. Its id is its lineage node's id; the manifest (whose hash is
/// <see cref="VersionHash"/>) is a blob, the files a folder under the workspace.
/// </summary>
public sealed class DatasetVersionRow
{
    public Guid Id { get; set; }

    /// <summary>The tenant the version was built for; null for the shared pool.</summary>
    public Guid? TenantId { get; set; }

    public required string Name { get; set; }

    public required string VersionHash { get; set; }

    public required string Format { get; set; }

    /// <summary>The recipe as given (canonical JSON), so the version can be re-derived.</summary>
    public required string Recipe { get; set; }

    /// <summary>Where the caption-file captions came from, resolved when built (null for other sources).</summary>
    public string? CaptionFile { get; set; }

    public required string ManifestSha256 { get; set; }

    /// <summary>The folder, relative to the workspace.</summary>
    public required string Path { get; set; }

    public int Samples { get; set; }

    public int Excluded { get; set; }

    /// <summary>The version this one replaces (a rebuild after an opt-out or a new target).</summary>
    public Guid? Supersedes { get; set; }

    public DateTimeOffset BuiltAt { get; set; }
}
