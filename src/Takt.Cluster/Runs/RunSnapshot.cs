using Takt.Engine.Runs;

namespace Takt.Cluster.Runs;

/// <summary>What a run grain knows: whether it owns the run, the last status the driver returned, and whether it is driving now.</summary>
[GenerateSerializer, Immutable]
public sealed record RunSnapshot(
    [property: Id(0)] Guid RunId,
    [property: Id(1)] bool Owned,
    [property: Id(2)] RunStatus? Status,
    [property: Id(3)] bool Driving,
    [property: Id(4)] int Drives,
    [property: Id(5)] string? LastError);
