using Takt.Domain.Workflows;

namespace Takt.Engine.Runs;

/// <summary>How one node run ended, as the executor's loop receives it.</summary>
internal sealed record NodeOutcome(
    string NodeId,
    NodeStatus Status,
    int Attempts,
    string? CacheKey,
    IReadOnlyDictionary<string, PortValue>? Outputs,
    string? Backend,
    string? Error,
    Guid? LineageNode,
    GenerationDraft? Generation,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyList<RunEvent> Events);
