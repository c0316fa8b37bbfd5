namespace Takt.Engine.Runs;

public enum NodeStatus : byte
{
    Pending,
    Running,
    Succeeded,
    /// <summary>Not run: an earlier result with the same cache key was reused.</summary>
    Cached,
    Failed,
    Cancelled,
    /// <summary>Not run because a node it depends on failed or was cancelled.</summary>
    Skipped,
    /// <summary>Its backend kept failing transiently or hung: the run pauses here, to be resumed.</summary>
    Paused,
}

public static class NodeStatuses
{
    public static string Name(NodeStatus status) => status.ToString().ToLowerInvariant();

    public static NodeStatus Parse(string text) => Enum.Parse<NodeStatus>(text, ignoreCase: true);

    /// <summary>Whether the node has its outputs.</summary>
    public static bool IsDone(NodeStatus status) => status is NodeStatus.Succeeded or NodeStatus.Cached;

    public static bool IsFinal(NodeStatus status) => status is not (NodeStatus.Pending or NodeStatus.Running);
}
