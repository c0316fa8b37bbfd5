namespace Takt.Archive.Datasets.Layouts;

/// <summary>
/// A file a layout wrote, relative to the dataset root with '/' separators. A member of a tar
/// shard is "shard.tar#member"; the shard itself is a separate <see cref="LayoutEntryKind.Shard"/> entry.
/// </summary>
public sealed record LayoutEntry(string Path, string Sha256, long Bytes, LayoutEntryKind Kind, string? Stem);

public enum LayoutEntryKind
{
    Media,
    Conditioning,
    Mask,
    Caption,
    Config,
    Shard,
}
