using System.Net;

namespace Takt.Cluster.Hosting;

/// <summary>Knobs of a Takt silo; the defaults suit production, tests shorten the periods.</summary>
public sealed class TaktClusterOptions
{
    /// <summary>Period of a run's durable watchdog reminder (cluster only). Orleans' own minimum is 1 minute; shorter values lower it.</summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Delay before a run whose driver threw is driven again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a backend slot lease lives without renewal: after a silo dies its slots come back within this time.</summary>
    public TimeSpan SlotLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Membership probe timeout; null keeps Orleans' default (5 s). Tests use about 1 s so a killed silo is declared dead quickly.</summary>
    public TimeSpan? ProbeTimeout { get; set; }

    /// <summary>Missed probes before a silo is suspected; null keeps Orleans' default (3).</summary>
    public int? NumMissedProbesLimit { get; set; }

    /// <summary>The address other silos reach this one on. Loopback suits one machine; a multi-host cluster must set the host's address.</summary>
    public IPAddress AdvertisedAddress { get; set; } = IPAddress.Loopback;
}
