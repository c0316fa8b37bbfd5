namespace Takt.Engine.Runs;

/// <summary>A run as listed: its status and how far it got.</summary>
public sealed record RunSummary(
    Guid Id,
    string Workflow,
    RunStatus Status,
    int Nodes,
    int Done,
    int Failed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error);

/// <summary>A run with its nodes, for <c>takt runs show</c>.</summary>
public sealed record RunDetail(RunSummary Run, IReadOnlyList<NodeCheckpoint> Nodes, string WorkflowJson);

/// <summary>A persisted run event, for <c>takt runs logs</c>.</summary>
public sealed record RunLogEntry(long Id, DateTimeOffset At, string? Node, string Kind, string Message);
