using Takt.Domain.Datasets;

namespace Takt.Archive.Datasets;

/// <summary>
/// A finished build: the manifest, its version id, and the complete folder. <see cref="IsNew"/> is
/// false when an identical version already existed (the folder is then the existing one).
/// </summary>
public sealed record DatasetBuild
{
    public required DatasetManifest Manifest { get; init; }

    public required string VersionId { get; init; }

    public required string ManifestSha256 { get; init; }

    /// <summary>The folder, absolute.</summary>
    public required string Folder { get; init; }

    /// <summary>The folder relative to the workspace, with '/'.</summary>
    public required string RelativeFolder { get; init; }

    public required bool IsNew { get; init; }

    /// <summary>Outputs derived in this build.</summary>
    public required int Derived { get; init; }

    /// <summary>Outputs taken from earlier builds by derivation key.</summary>
    public required int Reused { get; init; }

    /// <summary>Source assets of the samples and how many samples each feeds (for lineage weights).</summary>
    public required IReadOnlyList<(Guid Asset, int Samples)> Members { get; init; }

    public required DateTimeOffset DecidedAt { get; init; }
}
