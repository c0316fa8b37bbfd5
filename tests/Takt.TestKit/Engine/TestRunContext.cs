using System.Collections.Concurrent;
using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;

namespace Takt.TestKit.Engine;

/// <summary>
/// A node run context over a real <see cref="LocalBlobStore"/>: stored outputs are real blobs named
/// by their sha256, inputs are opened from the store (and verified at their end), and progress,
/// previews and log lines are kept in order for assertions.
/// </summary>
public sealed class TestRunContext(LocalBlobStore blobs) : INodeRunContext
{
    private readonly ConcurrentQueue<(double Value, double Max)> _progress = new();
    private readonly ConcurrentQueue<(byte[] Image, string MediaType)> _previews = new();
    private readonly ConcurrentQueue<string> _log = new();

    public LocalBlobStore Blobs { get; } = blobs;

    public IReadOnlyList<(double Value, double Max)> ProgressReports => _progress.ToArray();

    public IReadOnlyList<(byte[] Image, string MediaType)> Previews => _previews.ToArray();

    public IReadOnlyList<string> LogLines => _log.ToArray();

    /// <summary>Raised on every progress report, on the reporting thread.</summary>
    public event Action<double, double>? Reported;

    public async Task<PortValue> StoreAsync(PortType type, string mediaType, Stream content, CancellationToken cancellationToken)
    {
        var put = await Blobs.PutAsync(content, cancellationToken);
        return new PortValue(type, put.Hash.Hex, BlobHash: put.Hash.Hex, MediaType: mediaType);
    }

    public Task<Stream> OpenAsync(PortValue value, CancellationToken cancellationToken) =>
        value.BlobHash is { } hash
            ? Blobs.OpenReadAsync(BlobHash.Parse(hash), cancellationToken)
            : throw new ArgumentException($"a {value.Type} value with no blob cannot be opened", nameof(value));

    /// <summary>Stores bytes as an input value, as an upstream node would have.</summary>
    public async Task<PortValue> PutAsync(PortType type, string mediaType, byte[] bytes, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(bytes, writable: false);
        return await StoreAsync(type, mediaType, content, cancellationToken);
    }

    /// <summary>The whole content of a blob-backed value.</summary>
    public async Task<byte[]> ReadAsync(PortValue value, CancellationToken cancellationToken)
    {
        await using var stream = await OpenAsync(value, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public void Progress(double value, double max)
    {
        _progress.Enqueue((value, max));
        Reported?.Invoke(value, max);
    }

    public void Preview(ReadOnlyMemory<byte> image, string mediaType) => _previews.Enqueue((image.ToArray(), mediaType));

    public void Log(string line) => _log.Enqueue(line);
}
