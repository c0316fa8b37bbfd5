namespace Takt.Cluster.Runs;

/// <summary>How run grains keep runs alive across silo failures.</summary>
public sealed class RunGrainOptions
{
    /// <summary>
    /// Period of the durable watchdog reminder; null (the embedded default) registers none, because
    /// reminders there are in memory and the startup scan resumes runs instead. A cluster should
    /// keep the Orleans minimum (1 minute); tests lower <c>ReminderOptions.MinimumReminderPeriod</c>.
    /// </summary>
    public TimeSpan? WatchdogPeriod { get; set; }

    /// <summary>How long to wait before driving again after the driver threw (a transient database error, say).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
