namespace Takt.Cluster.Backends;

/// <summary>Who holds a slot, written on acquire and release only (renewals stay in memory).</summary>
[GenerateSerializer]
public sealed class BackendGrainState
{
    [Id(0)] public List<string> Holders { get; set; } = [];
}
