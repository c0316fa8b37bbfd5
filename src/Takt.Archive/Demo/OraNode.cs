using NetVips;

namespace Takt.Archive.Demo;

/// <summary>A layer (with <paramref name="Pixels"/>) or a stack (with <paramref name="Children"/>, top first) in an OpenRaster file.</summary>
internal sealed record OraNode(string Name, Image? Pixels, bool Visible, IReadOnlyList<OraNode> Children)
{
    public static OraNode Layer(string name, Image pixels, bool visible = true) => new(name, pixels, visible, []);

    public static OraNode Stack(string name, params OraNode[] topFirst) => new(name, null, true, topFirst);
}
