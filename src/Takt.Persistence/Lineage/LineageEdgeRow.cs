namespace Takt.Persistence.Lineage;

/// <summary><c>derivedFrom(child, parent, weight, role)</c>, keyed by the child and the parent's position in its list.</summary>
public sealed class LineageEdgeRow
{
    public long ChildSeq { get; set; }

    public int Ordinal { get; set; }

    public long ParentSeq { get; set; }

    public double Weight { get; set; }

    public required string Role { get; set; }
}
