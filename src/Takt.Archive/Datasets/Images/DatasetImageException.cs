namespace Takt.Archive.Datasets.Images;

/// <summary>A source image cannot be derived (unreadable, unsupported, too large, or not what its plan expects); the message says which.</summary>
public sealed class DatasetImageException(string message, Exception? inner = null) : Exception(message, inner);
