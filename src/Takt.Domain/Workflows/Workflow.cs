namespace Takt.Domain.Workflows;

/// <summary>A DAG of node instances, keyed by node id (ordinal order).</summary>
public sealed record Workflow(string Name, IReadOnlyDictionary<string, WorkflowNode> Nodes);
