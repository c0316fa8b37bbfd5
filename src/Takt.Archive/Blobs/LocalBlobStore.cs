using System.Security.Cryptography;

namespace Takt.Archive.Blobs;

/// <summary>
/// Blobs as files named by their sha256 under two levels of shard folders
/// (<c>sha256/ab/cd/abcd…</c>), so no folder holds more than a few thousand entries at archive scale.
/// A put writes a temporary file, fsyncs it, renames it into place and fsyncs the folder: a crash
/// at any point leaves either nothing or the whole blob, never a partial one under its name.
/// </summary>
public sealed class LocalBlobStore : IBlobStore
{
    private const int BufferSize = 1 << 20;
    private readonly string _objects;
    private readonly string _temp;

    public LocalBlobStore(string root)
    {
        Root = Path.GetFullPath(root);
        _objects = Path.Combine(Root, "sha256");
        _temp = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(_objects);
        Directory.CreateDirectory(_temp);
    }

    public string Root { get; }

    /// <summary>
    /// Removes temporary files left by a process that died mid-write. Only files untouched for
    /// <paramref name="olderThan"/> go, so a put in flight in another process is never disturbed.
    /// </summary>
    public int RemoveAbandonedTemporaryFiles(TimeSpan olderThan, DateTimeOffset now)
    {
        var removed = 0;
        foreach (var file in new DirectoryInfo(_temp).EnumerateFiles())
        {
            if (now - file.LastWriteTimeUtc > olderThan)
            {
                file.Delete();
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Where a blob lives on disk, for readers (such as libvips) that want a path.</summary>
    public string PathOf(BlobHash hash) => Path.Combine(_objects, hash.Hex[..2], hash.Hex[2..4], hash.Hex);

    public async Task<BlobPut> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        var tempPath = Path.Combine(_temp, Guid.CreateVersion7().ToString("N"));
        try
        {
            BlobHash hash;
            long length = 0;
            await using (var file = new FileStream(tempPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 0,
                Options = FileOptions.Asynchronous,
            }))
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    length += read;
                }

                hash = BlobHash.FromBytes(sha.GetHashAndReset());
                file.Flush(flushToDisk: true);
            }

            var finalPath = PathOf(hash);
            if (File.Exists(finalPath))
            {
                File.Delete(tempPath);
                return new BlobPut(hash, length, Created: false);
            }

            var folder = Path.GetDirectoryName(finalPath)!;
            Directory.CreateDirectory(folder);
            try
            {
                File.Move(tempPath, finalPath, overwrite: false);
            }
            catch (IOException) when (File.Exists(finalPath))
            {
                // Another writer stored the same bytes first: content addressing makes that a success.
                File.Delete(tempPath);
                return new BlobPut(hash, length, Created: false);
            }

            DirectorySync.Flush(folder);
            return new BlobPut(hash, length, Created: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(BlobHash hash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            throw new BlobNotFoundException(hash);
        }

        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult<Stream>(new VerifyingReadStream(stream, hash));
    }

    public Task<bool> ExistsAsync(BlobHash hash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(PathOf(hash)));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: RemoveAbandonedTemporaryFiles sweeps what is left.
        }
    }
}
