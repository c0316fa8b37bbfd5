namespace Takt.Domain.Lineage;

/// <summary>Why a node cannot be recorded; a batch with any problem records nothing.</summary>
public sealed record LineageProblem(LineageNodeId Node, string Message)
{
    public override string ToString() => $"{Node}: {Message}";
}
