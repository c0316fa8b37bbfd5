using Takt.Archive.Ingest.Manifests;

namespace Takt.Archive.Ingest.Planning;

/// <summary>What an ingest will do, decided before any byte is stored.</summary>
public sealed record IngestPlan
{
    public required string Root { get; init; }

    public ProductionManifest? Manifest { get; init; }

    public required string TenantSlug { get; init; }

    public required string ProjectSlug { get; init; }

    public required IReadOnlyList<PlannedFile> Files { get; init; }

    /// <summary>Files that will not be ingested, each with its reason.</summary>
    public required IReadOnlyList<IngestIssue> Rejected { get; init; }
}
