namespace Takt.Archive.Workspaces;

/// <summary>The workspace is missing or unusable; the message says how to fix it.</summary>
public sealed class WorkspaceException(string message, Exception? inner = null) : Exception(message, inner);
