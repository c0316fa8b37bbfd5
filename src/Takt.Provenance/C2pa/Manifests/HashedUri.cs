namespace Takt.Provenance.C2pa.Manifests;

/// <summary>A JUMBF URI and the SHA-256 of the box contents it points at (C2PA §8.3).</summary>
public sealed record HashedUri(string Url, byte[] Hash);
