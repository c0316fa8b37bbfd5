namespace Takt.Archive.Ingest;

/// <summary>A problem with one input file: which file, and what is wrong with it in words a person can act on.</summary>
public sealed record IngestIssue(string Path, string Problem);
