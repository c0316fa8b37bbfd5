using Takt.Domain.Workflows;

namespace Takt.Engine.Backends;

/// <summary>What a running node may do besides computing: store results, read inputs, and report progress.</summary>
public interface INodeRunContext
{
    /// <summary>Stores content (an image, a video, a downloaded result) in the blob store and returns the port value for it.</summary>
    Task<PortValue> StoreAsync(PortType type, string mediaType, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens the bytes of a blob-backed input.</summary>
    Task<Stream> OpenAsync(PortValue value, CancellationToken cancellationToken);

    /// <summary>Step progress (e.g. sampler step 7 of 20).</summary>
    void Progress(double value, double max);

    /// <summary>A preview image (JPEG or PNG bytes) of work in progress.</summary>
    void Preview(ReadOnlyMemory<byte> image, string mediaType);

    /// <summary>A log line from the backend, kept with the run.</summary>
    void Log(string line);

    /// <summary>
    /// Completes once the lineage node an input value came from (<see cref="PortValue.Lineage"/>)
    /// is in the lineage store. The engine records a finished node's lineage in the background, so
    /// a node that reads the graph upstream of its inputs (signing an export) waits here first;
    /// a node that only computes never needs to.
    /// </summary>
    Task WhenLineageRecordedAsync(Guid lineageNode, CancellationToken cancellationToken) => Task.CompletedTask;
}
