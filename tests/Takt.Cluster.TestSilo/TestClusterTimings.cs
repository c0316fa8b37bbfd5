using Takt.Cluster.Hosting;

namespace Takt.Cluster.TestSilo;

/// <summary>Periods short enough that a killed silo's run resumes within seconds in a test.</summary>
public static class TestClusterTimings
{
    public static void Fast(TaktClusterOptions options)
    {
        options.WatchdogPeriod = TimeSpan.FromSeconds(1);
        options.RetryDelay = TimeSpan.FromMilliseconds(500);
        options.SlotLeaseDuration = TimeSpan.FromSeconds(3);
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
    }
}
