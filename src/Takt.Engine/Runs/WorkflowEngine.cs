using Takt.Archive.Blobs;
using Takt.Engine.Backends;
using Takt.Engine.Models;
using Takt.Persistence;
using Takt.Provenance.Lineage;

namespace Takt.Engine.Runs;

/// <summary>The engine of one process: its backends and node catalogue, the run store, and the executor over them.</summary>
public sealed class WorkflowEngine : IDisposable
{
    public WorkflowEngine(
        TaktContextFactory contexts,
        IBlobStore blobs,
        LineageStore lineage,
        IEnumerable<INodeBackend> backends,
        EngineOptions options,
        TimeProvider time,
        IBackendSlots? slots = null)
    {
        Store = new RunStore(contexts, time);
        Backends = new BackendSet(backends);
        Executor = new RunExecutor(
            Store,
            Backends,
            slots ?? new LocalBackendSlots(),
            new LineageGenerationRecorder(lineage, new ModelRegistry(contexts, lineage)),
            blobs,
            new RunEvents(),
            options,
            time);
    }

    public RunStore Store { get; }

    public BackendSet Backends { get; }

    public RunExecutor Executor { get; }

    public void Dispose()
    {
        foreach (var backend in Backends.Backends.OfType<IDisposable>())
        {
            backend.Dispose();
        }
    }
}
