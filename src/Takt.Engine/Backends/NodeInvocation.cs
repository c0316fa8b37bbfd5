using System.Text.Json;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends;

/// <summary>One node to run: its type, the parameter values after defaults and overrides, and the values on its connected inputs.</summary>
/// <param name="Attempt">1 on the first try; a retry or a resumed run sees a higher number.</param>
public sealed record NodeInvocation(
    Guid RunId,
    string NodeId,
    NodeType Type,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    IReadOnlyDictionary<string, PortValue> Inputs,
    int Attempt);
