namespace Takt.Domain.Datasets;

/// <summary>An asset the recipe selected that is not in the version, with every reason.</summary>
public sealed record ManifestExclusion(Guid Asset, string Source, string SourceSha256, IReadOnlyList<ManifestReason> Reasons);

/// <summary>A stable code for scripts (a consent denial's code, or unreadable, no-conditioning …) and a sentence for people.</summary>
public sealed record ManifestReason(string Code, string Text);

/// <summary>A file of the version that is not itself a sample (captions, configs, shards, metadata).</summary>
public sealed record ManifestFile(string Path, string Sha256, long Bytes);
