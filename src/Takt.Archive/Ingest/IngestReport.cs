namespace Takt.Archive.Ingest;

/// <summary>What an ingest did, file by file where something went wrong.</summary>
public sealed record IngestReport
{
    public required string Tenant { get; init; }

    public required string Project { get; init; }

    public int FilesSeen { get; init; }

    /// <summary>Assets newly recorded, layers of layered files included.</summary>
    public int AssetsStored { get; init; }

    public int FilesStored { get; init; }

    public int FilesUnchanged { get; init; }

    public long BytesStored { get; init; }

    public IReadOnlyDictionary<string, int> StoredByLayerKind { get; init; } = new Dictionary<string, int>();

    public IReadOnlyList<IngestIssue> Failures { get; init; } = [];

    public IReadOnlyList<IngestIssue> Warnings { get; init; } = [];

    public TimeSpan Elapsed { get; init; }
}
