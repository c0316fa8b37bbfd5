using Takt.Archive.Ingest.Planning;

namespace Takt.Archive.Ingest.Processing;

/// <summary>
/// The outcome for one input file. <see cref="Assets"/> holds the file itself first, then its
/// layers when it is a layered file. Unchanged files were already archived at the same place.
/// </summary>
public sealed record ProcessedFile
{
    public required PlannedFile Source { get; init; }

    public IReadOnlyList<ProcessedAsset> Assets { get; init; } = [];

    public bool Unchanged { get; init; }

    public IngestIssue? Failure { get; init; }

    public IReadOnlyList<IngestIssue> Warnings { get; init; } = [];
}
