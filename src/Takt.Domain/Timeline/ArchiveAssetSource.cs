using Takt.Domain.Archive;

namespace Takt.Domain.Timeline;

/// <summary>An asset in the archive, named by id and by content hash (the hash pins the exact bytes).</summary>
public sealed record ArchiveAssetSource(AssetId Asset, string ContentHash) : ClipSource
{
    public override string TypeName => "archive asset";

    public override string? Check() =>
        string.IsNullOrWhiteSpace(ContentHash) ? "an archive asset source needs a content hash" : null;
}
