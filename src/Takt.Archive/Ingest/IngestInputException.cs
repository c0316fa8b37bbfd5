namespace Takt.Archive.Ingest;

/// <summary>The ingest as a whole cannot start (unreadable manifest, missing folder); nothing was stored.</summary>
public sealed class IngestInputException(string message, Exception? inner = null) : Exception(message, inner);
