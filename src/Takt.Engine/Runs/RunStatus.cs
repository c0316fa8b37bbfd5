namespace Takt.Engine.Runs;

public enum RunStatus : byte
{
    /// <summary>Accepted and persisted; no node has started yet.</summary>
    Queued,
    Running,
    Succeeded,
    /// <summary>A node failed permanently; nodes not depending on it were still run.</summary>
    Failed,
    Cancelled,
    /// <summary>A backend kept failing transiently past its retries, or hung: the run waits to be resumed, never reported as success.</summary>
    Paused,
}
