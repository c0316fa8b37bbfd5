namespace Takt.Archive.Ingest;

/// <summary>Reported after each file: how many of how many, and which one.</summary>
public sealed record IngestProgress(int Done, int Total, string Current);
