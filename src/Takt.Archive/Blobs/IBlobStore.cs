namespace Takt.Archive.Blobs;

/// <summary>
/// Immutable, content-addressed storage of bytes. Putting the same bytes twice is a no-op, so
/// retries are always safe; a blob is visible only once it is complete and durable.
/// The local folder is the embedded default; an S3-compatible store implements the same contract.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the stream's bytes and returns their hash.</summary>
    Task<BlobPut> PutAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a blob for reading; the stream throws <see cref="BlobCorruptedException"/> at its end if the bytes no longer match the hash.</summary>
    Task<Stream> OpenReadAsync(BlobHash hash, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(BlobHash hash, CancellationToken cancellationToken);
}

/// <summary>The result of a put: the hash, the size, and whether these bytes were new to the store.</summary>
public sealed record BlobPut(BlobHash Hash, long Length, bool Created);
