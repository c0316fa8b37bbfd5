namespace Takt.Cluster.Backends;

/// <summary>The answer to an acquire: granted (until <see cref="ExpiresAt"/>, renew before) or not (all <see cref="Held"/> slots taken).</summary>
[GenerateSerializer, Immutable]
public sealed record BackendLeaseGrant(
    [property: Id(0)] bool Granted,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] TimeSpan LeaseDuration,
    [property: Id(3)] int Held);
