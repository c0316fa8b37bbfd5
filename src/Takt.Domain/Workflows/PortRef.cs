namespace Takt.Domain.Workflows;

/// <summary>A reference to another node's output, written <c>node.port</c> in workflow JSON.</summary>
public sealed record PortRef(string Node, string Port)
{
    public override string ToString() => $"{Node}.{Port}";
}
