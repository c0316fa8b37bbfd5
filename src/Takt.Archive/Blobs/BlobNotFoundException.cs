namespace Takt.Archive.Blobs;

public sealed class BlobNotFoundException(BlobHash hash) : FileNotFoundException($"blob {hash} is not in the store")
{
    public BlobHash Hash { get; } = hash;
}
