namespace Takt.Engine.Runs;

/// <summary>How hard the engine tries before giving up on a backend, and how often it looks for a cancel from another process.</summary>
public sealed record EngineOptions
{
    /// <summary>Tries per node for transient failures (the first included) before the run pauses.</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A node that runs longer than this is treated as hung: cancelled, then retried.</summary>
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromHours(2);

    public TimeSpan CancelPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Completed nodes are checkpointed together when they finish together, up to this many per transaction.</summary>
    public int CheckpointBatch { get; init; } = 512;
}
