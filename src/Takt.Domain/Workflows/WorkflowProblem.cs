namespace Takt.Domain.Workflows;

/// <summary>One thing wrong with a workflow, named by node and port or parameter.</summary>
/// <param name="Code">Stable, for scripts: cycle, type-mismatch, missing-input, unknown-node-type, out-of-range…</param>
public sealed record WorkflowProblem(string? Node, string? Port, string Code, string Message)
{
    public override string ToString() => (Node, Port) switch
    {
        (null, _) => Message,
        (_, null) => $"node '{Node}': {Message}",
        _ => $"node '{Node}' {Port}: {Message}",
    };
}
