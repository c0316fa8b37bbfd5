namespace Takt.Provenance.C2pa.Reading;

/// <summary>A C2PA hashed URI (§8.4.2): a JUMBF URI, the digest of what it names, and optionally the digest's algorithm.</summary>
internal sealed record HashedUri(string Url, byte[] Hash, string? Alg)
{
    public static HashedUri? From(object? value) =>
        value is Dictionary<string, object?> map && map.Text("url") is { } url && map.TryGetValue("hash", out var h) && h is byte[] hash
            ? new HashedUri(url, hash, map.Text("alg"))
            : null;
}
