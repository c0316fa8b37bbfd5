namespace Takt.Engine.Runs;

public static class RunStatuses
{
    public static string Name(RunStatus status) => status.ToString().ToLowerInvariant();

    public static RunStatus Parse(string text) => Enum.Parse<RunStatus>(text, ignoreCase: true);

    public static bool IsFinal(RunStatus status) => status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
}
