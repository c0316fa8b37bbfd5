using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;

namespace Takt.Engine.Runs;

/// <summary>A node's window on the engine: blobs in, blobs out, and events to the run's stream.</summary>
internal sealed class NodeRunContext(
    IBlobStore blobs, RunEvents events, Guid runId, string nodeId, TimeProvider time, List<RunEvent> persisted,
    Func<Guid, CancellationToken, Task> lineageRecorded) : INodeRunContext
{
    public Task WhenLineageRecordedAsync(Guid lineageNode, CancellationToken cancellationToken) => lineageRecorded(lineageNode, cancellationToken);

    public async Task<PortValue> StoreAsync(PortType type, string mediaType, Stream content, CancellationToken cancellationToken)
    {
        var put = await blobs.PutAsync(content, cancellationToken);
        return new PortValue(type, put.Hash.Hex, put.Hash.Hex, mediaType);
    }

    public Task<Stream> OpenAsync(PortValue value, CancellationToken cancellationToken) =>
        value.BlobHash is { } hash
            ? blobs.OpenReadAsync(BlobHash.Parse(hash), cancellationToken)
            : throw new BackendException($"the {PortTypes.Name(value.Type)} value is inline, not stored content", transient: false);

    public void Progress(double value, double max) =>
        events.Publish(new RunEvent(runId, nodeId, "progress", $"{value}/{max}", time.GetUtcNow(), value, max));

    public void Preview(ReadOnlyMemory<byte> image, string mediaType) =>
        events.Publish(new RunEvent(runId, nodeId, "preview", mediaType, time.GetUtcNow(), Preview: image));

    public void Log(string line)
    {
        var e = new RunEvent(runId, nodeId, "log", line, time.GetUtcNow());
        lock (persisted)
        {
            persisted.Add(e);
        }

        events.Publish(e);
    }
}
