using Takt.Domain.Archive;

namespace Takt.Archive.Ingest.Planning;

/// <summary>One file to ingest: where it is, where it goes in the production, and its rights.</summary>
public sealed record PlannedFile
{
    public required string FullPath { get; init; }

    /// <summary>Relative to the ingest root with '/' separators: the asset's original path.</summary>
    public required string RelativePath { get; init; }

    public string? Scene { get; init; }

    public string? Cut { get; init; }

    /// <summary>Null when neither the manifest nor the name says; decided from the media then.</summary>
    public LayerKind? LayerKind { get; init; }

    public required string Name { get; init; }

    public required ResolvedRights Rights { get; init; }
}
