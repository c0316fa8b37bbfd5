namespace Takt.Domain.Workflows;

/// <summary>A named, typed input or output of a node type.</summary>
/// <param name="Optional">An optional input may be left unconnected; outputs are never optional.</param>
public sealed record PortSpec(string Name, PortType Type, bool Optional = false, string? Description = null);
