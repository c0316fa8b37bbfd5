namespace Takt.Provenance.C2pa.Containers;

/// <summary>
/// What <see cref="Mp4Container.EmbedAsync"/> leaves in <see cref="EmbeddedStore.Details"/>: the
/// length of the file it wrote and the top-level box offsets the v3 hash mixed in.
/// </summary>
public sealed record Mp4Embedding(long FileLength, IReadOnlyList<long> HashedBoxOffsets);
