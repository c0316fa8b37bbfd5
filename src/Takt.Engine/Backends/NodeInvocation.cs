using System.Text.Json;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends;

/// <summary>One node to run: its type, the parameter values after defaults and overrides, and the values on its connected inputs.</summary>
/// <param name="Attempt">1 on the first try; a retry or a resumed run sees a higher number.</param>
/// <param name="Tenant">The tenant the run belongs to: what a node may read (archive assets) is scoped to it.</param>
public sealed record NodeInvocation(
    Guid RunId,
    string NodeId,
    NodeType Type,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    IReadOnlyDictionary<string, PortValue> Inputs,
    int Attempt,
    Guid? Tenant = null);
