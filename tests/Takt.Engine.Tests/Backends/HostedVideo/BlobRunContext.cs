using System.Collections.Concurrent;
using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;

namespace Takt.Engine.Tests.Backends.HostedVideo;

/// <summary>A run context over a real <see cref="LocalBlobStore"/> that remembers what the node logged and reported.</summary>
public sealed class BlobRunContext(LocalBlobStore store) : INodeRunContext
{
    private readonly ConcurrentQueue<string> _logs = new();
    private readonly ConcurrentQueue<(double Value, double Max)> _progress = new();

    public IReadOnlyList<string> Logs => [.. _logs];

    public IReadOnlyList<(double Value, double Max)> ProgressReports => [.. _progress];

    /// <summary>Called with every log line, e.g. to cancel once a job was submitted.</summary>
    public Action<string>? OnLog { get; set; }

    public async Task<PortValue> StoreAsync(PortType type, string mediaType, Stream content, CancellationToken cancellationToken)
    {
        var put = await store.PutAsync(content, cancellationToken);
        return new PortValue(type, put.Hash.Hex, put.Hash.Hex, mediaType);
    }

    public async Task<Stream> OpenAsync(PortValue value, CancellationToken cancellationToken) =>
        await store.OpenReadAsync(BlobHash.Parse(value.BlobHash ?? throw new ArgumentException("not a blob value", nameof(value))), cancellationToken);

    public void Progress(double value, double max) => _progress.Enqueue((value, max));

    public void Preview(ReadOnlyMemory<byte> image, string mediaType)
    {
    }

    public void Log(string line)
    {
        _logs.Enqueue(line);
        OnLog?.Invoke(line);
    }

    /// <summary>How many blobs the store holds.</summary>
    public int BlobCount => Directory.EnumerateFiles(Path.Combine(store.Root, "sha256"), "*", SearchOption.AllDirectories).Count();
}
