using System.Security.Cryptography;
using Takt.Archive.Blobs;
using Takt.TestKit.Files;

namespace Takt.Archive.Tests.Blobs;

public sealed class LocalBlobStoreTests : IDisposable
{
    private readonly TempFolder _folder = new("takt-blobs");
    private readonly LocalBlobStore _store;

    public LocalBlobStoreTests() => _store = new LocalBlobStore(_folder.Path);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PutAsync_SameBytesTwice_StoredOnce()
    {
        var bytes = RandomNumberGenerator.GetBytes(100_000);

        var first = await _store.PutAsync(new MemoryStream(bytes), Ct);
        var second = await _store.PutAsync(new MemoryStream(bytes), Ct);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), first.Hash.Hex);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_store.Root, "sha256"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task OpenReadAsync_BlobChangedOnDisk_ThrowsBlobCorrupted()
    {
        var put = await _store.PutAsync(new MemoryStream(RandomNumberGenerator.GetBytes(10_000)), Ct);
        var path = _store.PathOf(put.Hash);
        var damaged = await File.ReadAllBytesAsync(path, Ct);
        damaged[5_000] ^= 0xFF;
        await File.WriteAllBytesAsync(path, damaged, Ct);

        await using var stream = await _store.OpenReadAsync(put.Hash, Ct);

        await Assert.ThrowsAsync<BlobCorruptedException>(() => stream.CopyToAsync(Stream.Null, Ct));
    }

    [Fact]
    public async Task OpenReadAsync_IntactBlob_ReadsTheSameBytes()
    {
        var bytes = RandomNumberGenerator.GetBytes(3_000_000);
        var put = await _store.PutAsync(new MemoryStream(bytes), Ct);

        await using var stream = await _store.OpenReadAsync(put.Hash, Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);

        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task PutAsync_ManyConcurrentAndOneFailing_LeaveNoTemporaryFiles()
    {
        var payloads = Enumerable.Range(0, 16).Select(i => RandomNumberGenerator.GetBytes(50_000 + i)).ToList();

        await Task.WhenAll(payloads.Concat(payloads).Select(p => _store.PutAsync(new MemoryStream(p), Ct)));
        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync(new FailingStream(), Ct));

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_store.Root, "tmp")));
        Assert.Equal(16, Directory.EnumerateFiles(Path.Combine(_store.Root, "sha256"), "*", SearchOption.AllDirectories).Count());
    }

    /// <summary>Gives some bytes, then fails like a dropped network source.</summary>
    private sealed class FailingStream : MemoryStream
    {
        public FailingStream()
            : base(new byte[2 << 20])
        {
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position > 1 << 20 ? throw new IOException("source went away") : base.ReadAsync(buffer, cancellationToken);
    }
}
