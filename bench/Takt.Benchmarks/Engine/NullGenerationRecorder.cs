using Takt.Engine.Runs;

namespace Takt.Benchmarks.Engine;

/// <summary>For the in-memory measurement only: scheduling without lineage (the persisted one records it).</summary>
internal sealed class NullGenerationRecorder : IGenerationRecorder
{
    public Task RecordAsync(IReadOnlyList<GenerationDraft> drafts, CancellationToken cancellationToken) => Task.CompletedTask;
}
