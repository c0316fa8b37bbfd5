namespace Takt.Provenance.C2pa.Containers;

/// <summary>
/// One container format's side of C2PA: where the manifest store lives in the file, and how the
/// hard binding (the hash that ties the manifest to the bytes) is computed and checked.
/// Implementations stream: a 1 GB video is never loaded into memory.
/// </summary>
public interface IAssetContainer
{
    /// <summary>The MIME type the container writes into the claim, e.g. <c>image/png</c>.</summary>
    string MediaType { get; }

    /// <summary>The label of the hard-binding assertion this container writes (<c>c2pa.hash.data</c>, <c>c2pa.hash.bmff.v3</c>).</summary>
    string BindingLabel { get; }

    /// <summary>Whether the first bytes of a file (at least 16 when the file has them) are this format.</summary>
    bool Recognises(ReadOnlySpan<byte> head);

    /// <summary>
    /// The embedded manifest store (raw JUMBF) or null when the file has none. A container that is
    /// broken where the store should be throws <see cref="C2paFormatException"/> naming the problem.
    /// </summary>
    Task<byte[]?> ReadStoreAsync(Stream asset, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="source"/> to <paramref name="destination"/> with <paramref name="store"/>
    /// embedded (any store already there is removed) and hashes what it writes on the way, so the
    /// binding needs no second pass. The store written here is usually a placeholder of the final
    /// length; <see cref="PatchStoreAsync"/> later replaces it in place.
    /// </summary>
    Task<EmbeddedStore> EmbedAsync(Stream source, Stream destination, ReadOnlyMemory<byte> store, CancellationToken cancellationToken);

    /// <summary>Overwrites the store written by <see cref="EmbedAsync"/> with another of exactly the same length.</summary>
    Task PatchStoreAsync(Stream destination, EmbeddedStore placed, ReadOnlyMemory<byte> store, CancellationToken cancellationToken);

    /// <summary>
    /// The hard-binding assertion's CBOR for a placeholder: every number at its widest, so the
    /// final assertion, padded, has exactly this length.
    /// </summary>
    byte[] PlaceholderBinding(int storeLength);

    /// <summary>The final hard-binding assertion's CBOR for what <see cref="EmbedAsync"/> wrote, exactly <paramref name="length"/> bytes long.</summary>
    byte[] Binding(EmbeddedStore placed, int length);

    /// <summary>
    /// Checks a hard-binding assertion (its label and CBOR content) against the asset. Reports the
    /// c2pa-rs status codes for the outcome (<c>assertion.dataHash.match</c>/<c>.mismatch</c>,
    /// <c>assertion.bmffHash.match</c>/<c>.mismatch</c>, <c>assertion.cborParsing</c>…).
    /// </summary>
    Task<BindingCheck> VerifyBindingAsync(Stream asset, string label, ReadOnlyMemory<byte> assertionCbor, CancellationToken cancellationToken);
}
