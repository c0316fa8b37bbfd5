namespace Takt.Cluster.Hosting;

/// <summary>Names the Takt grains share with their hosts.</summary>
public static class TaktOrleans
{
    /// <summary>The ADO.NET grain storage provider the Takt grains persist to.</summary>
    public const string StorageName = "takt";

    /// <summary>The Orleans service id: grain state and reminders are keyed by it, so every Takt silo uses the same one.</summary>
    public const string ServiceId = "takt";
}
