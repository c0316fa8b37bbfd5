using Takt.Domain.Lineage;

namespace Takt.Provenance.Lineage;

/// <summary>Nodes recorded (in the order written), or every problem found with nothing recorded.</summary>
public sealed record LineageRecordOutcome(IReadOnlyList<LineageNodeId> Recorded, IReadOnlyList<LineageProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}
