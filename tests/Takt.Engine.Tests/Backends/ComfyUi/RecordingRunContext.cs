using System.Collections.Concurrent;
using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;

namespace Takt.Engine.Tests.Backends.ComfyUi;

/// <summary>A node run context over a real blob store that records what the backend reported.</summary>
internal sealed class RecordingRunContext(IBlobStore blobs) : INodeRunContext
{
    public ConcurrentQueue<(double Value, double Max)> Progress { get; } = new();

    public ConcurrentQueue<(byte[] Image, string MediaType)> Previews { get; } = new();

    public ConcurrentQueue<string> Logs { get; } = new();

    public ConcurrentQueue<PortValue> Stored { get; } = new();

    public async Task<PortValue> StoreAsync(PortType type, string mediaType, Stream content, CancellationToken cancellationToken)
    {
        var put = await blobs.PutAsync(content, cancellationToken);
        var value = new PortValue(type, put.Hash.Hex, put.Hash.Hex, mediaType);
        Stored.Enqueue(value);
        return value;
    }

    public Task<Stream> OpenAsync(PortValue value, CancellationToken cancellationToken) =>
        blobs.OpenReadAsync(BlobHash.Parse(value.BlobHash!), cancellationToken);

    void INodeRunContext.Progress(double value, double max) => Progress.Enqueue((value, max));

    public void Preview(ReadOnlyMemory<byte> image, string mediaType) => Previews.Enqueue((image.ToArray(), mediaType));

    public void Log(string line) => Logs.Enqueue(line);
}
