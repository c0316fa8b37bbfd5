namespace Takt.Domain.Lineage;

/// <summary>
/// A lineage node. Asset and contributor nodes reuse the archive's ids, so the graph and the
/// archive name the same thing the same way.
/// </summary>
public readonly record struct LineageNodeId(Guid Value)
{
    public static LineageNodeId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString("D");
}
