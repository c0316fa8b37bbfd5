namespace Takt.Cluster.Backends;

/// <summary>How long a backend slot lease lives without renewal; holders renew at a third of it.</summary>
public sealed class BackendSlotOptions
{
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between two acquire attempts while the backend is full.</summary>
    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromSeconds(2);
}
