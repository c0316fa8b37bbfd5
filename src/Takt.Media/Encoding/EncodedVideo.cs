namespace Takt.Media.Encoding;

/// <summary>A finished encode: where it is, how many frames went in, its size on disk.</summary>
public sealed record EncodedVideo(string Path, long Frames, long Bytes);
