using System.Text.Json;

namespace Takt.Domain.Workflows;

/// <summary>One node instance in a workflow: its type, parameter values and the outputs feeding its inputs.</summary>
/// <param name="Version">The node type version asked for; null means the newest the catalogue has.</param>
public sealed record WorkflowNode(
    string Id,
    string Type,
    int? Version,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    IReadOnlyDictionary<string, PortRef> Inputs);
