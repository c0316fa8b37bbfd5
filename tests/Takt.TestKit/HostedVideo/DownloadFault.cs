namespace Takt.TestKit.HostedVideo;

/// <summary>How a fake serves a finished video.</summary>
public enum DownloadFault
{
    None,
    /// <summary>Announces the full Content-Length, sends half, then drops the connection.</summary>
    CutOff,
    /// <summary>Chunked, no Content-Length, half the file, a clean end: only the MP4 structure shows the loss.</summary>
    ShortChunked,
}
