namespace Takt.Domain.Datasets;

/// <summary>
/// One output of a dataset version. For a file inside a WebDataset shard the path is
/// "shard.tar#member". A clip lists its frames; its source hash is the hash of their hashes.
/// </summary>
public sealed record ManifestSample
{
    public required string Path { get; init; }

    public required string Sha256 { get; init; }

    public required string Role { get; init; }

    public required Guid Asset { get; init; }

    public required string SourceSha256 { get; init; }

    public string? Bucket { get; init; }

    public string? CaptionSha256 { get; init; }

    /// <summary>"allowed", or "allowed: " and the conditions the consent carries.</summary>
    public required string Decision { get; init; }

    public required string DerivationKey { get; init; }

    public IReadOnlyList<Guid>? Frames { get; init; }
}
