namespace Takt.Archive.Datasets.Video;

/// <summary>A clip could not be encoded: ffmpeg is missing or failed, or the frames do not fit together. The message says which.</summary>
public sealed class ClipEncodingException(string message, Exception? inner = null) : Exception(message, inner);
