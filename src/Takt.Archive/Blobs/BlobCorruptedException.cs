namespace Takt.Archive.Blobs;

/// <summary>Stored bytes no longer match their hash: the disk or someone changed them.</summary>
public sealed class BlobCorruptedException(BlobHash expected, string actual)
    : IOException($"blob {expected} is corrupted: its bytes now hash to {actual}")
{
    public BlobHash Expected { get; } = expected;
}
