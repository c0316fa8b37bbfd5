namespace Takt.Archive.Media;

/// <summary>A file could not be understood; the message says what is wrong in words a person can act on.</summary>
public sealed class MediaProbeException(string message, Exception? inner = null) : Exception(message, inner);
