namespace Takt.Engine.Runs;

/// <summary>Writes Generation lineage nodes. Recording a node that exists already is a no-op, so a resumed run never duplicates one.</summary>
public interface IGenerationRecorder
{
    Task RecordAsync(IReadOnlyList<GenerationDraft> drafts, CancellationToken cancellationToken);
}
