namespace Takt.Provenance.Export;

/// <summary>Which side of a node an export covers.</summary>
public enum LineageExportDirection
{
    /// <summary>The node and everything it derives from (its ancestors).</summary>
    Up,
    /// <summary>The node and everything derived from it (its descendants).</summary>
    Down,
    /// <summary>Both: the node's ancestors and its descendants.</summary>
    Both,
}
