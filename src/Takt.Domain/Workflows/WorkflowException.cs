namespace Takt.Domain.Workflows;

/// <summary>A workflow that cannot be read or run, with every problem found (not only the first).</summary>
public sealed class WorkflowException(IReadOnlyList<WorkflowProblem> problems)
    : Exception(Describe(problems))
{
    public WorkflowException(string message)
        : this([new WorkflowProblem(null, null, "invalid-workflow", message)])
    {
    }

    public IReadOnlyList<WorkflowProblem> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<WorkflowProblem> problems) => problems.Count == 1
        ? problems[0].ToString()
        : $"{problems.Count} problems: {string.Join("; ", problems)}";
}
