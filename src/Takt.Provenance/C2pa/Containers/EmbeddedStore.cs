namespace Takt.Provenance.C2pa.Containers;

/// <summary>
/// Where <see cref="IAssetContainer.EmbedAsync"/> put the store and what it hashed on the way.
/// <paramref name="StoreOffset"/> is where the container's own wrapping of the store begins
/// (the caBX chunk, the first APP11 segment, the uuid box); <paramref name="Exclusions"/> are
/// the byte ranges the binding leaves out; <paramref name="Hash"/> is the binding's digest;
/// <paramref name="Details"/> holds anything else a container needs to build its binding
/// (BMFF keeps its per-box facts there).
/// </summary>
public sealed record EmbeddedStore(long StoreOffset, int StoreLength, IReadOnlyList<HashExclusion> Exclusions, byte[] Hash, object? Details = null);
