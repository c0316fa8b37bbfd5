using System.Text.Json;

namespace Takt.Domain.Workflows;

/// <summary>A validated node: its resolved type, its parameters with defaults filled in, and the nodes it waits for.</summary>
public sealed record PlannedNode(
    string Id,
    NodeType Type,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    IReadOnlyDictionary<string, PortRef> Inputs,
    IReadOnlyList<string> Dependencies);
