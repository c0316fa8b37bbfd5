using System.Formats.Tar;
using System.Globalization;
using System.Text;
using Takt.Domain.Datasets;

namespace Takt.Archive.Datasets.Layouts;

/// <summary>
/// WebDataset tar shards, shards/&lt;name&gt;-000000.tar …, reproducible to the byte: USTAR headers
/// only (no PAX records, which would carry per-run times), entries sorted by key then field,
/// mode 0444, uid/gid 0, owner "bigdata" as webdataset's TarWriter writes, and a fixed mtime.
/// </summary>
internal static class WebDatasetLayout
{
    /// <summary>2000-01-01T00:00:00Z: a fixed mtime, as webdataset's TarWriter(mtime=…) recommends for reproducible shards.</summary>
    public static readonly DateTimeOffset ModificationTime = DateTimeOffset.FromUnixTimeSeconds(946_684_800);

    public const string Owner = "bigdata";

    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const int Block = 512;

    /// <summary>The two zero blocks that end a tar.</summary>
    private const int EndOfArchive = 2 * Block;

    /// <summary>USTAR's name field; longer names need the prefix field, which some readers mishandle.</summary>
    private const int MaxNameBytes = 100;

    public static async Task WriteAsync(DatasetRecipe recipe, IReadOnlyList<LayoutSample> samples, LayoutFiles files, CancellationToken cancellationToken)
    {
        var planned = new List<Member[]>(samples.Count);
        foreach (var sample in samples)
        {
            planned.Add(await MembersAsync(sample, cancellationToken));
        }

        var shards = Shards(planned, recipe.Target.ShardMaxBytes);
        for (var i = 0; i < shards.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"shards/{recipe.Name}-{i:D6}.tar");
            await WriteShardAsync(files, path, shards[i], cancellationToken);
        }
    }

    /// <summary>
    /// Greedy in stem order: a shard is closed before a sample would push it past
    /// <paramref name="maxBytes"/>; a sample bigger than the cap gets a shard of its own.
    /// </summary>
    internal static List<List<Member[]>> Shards(IReadOnlyList<Member[]> samples, long maxBytes)
    {
        var shards = new List<List<Member[]>>();
        List<Member[]>? current = null;
        long size = 0;
        foreach (var sample in samples)
        {
            var bytes = sample.Sum(m => m.TarBytes);
            if (current is null || (current.Count > 0 && size + bytes > maxBytes))
            {
                current = [];
                shards.Add(current);
                size = EndOfArchive;
            }

            current.Add(sample);
            size += bytes;
        }

        return shards;
    }

    private static async Task<Member[]> MembersAsync(LayoutSample sample, CancellationToken cancellationToken)
    {
        // The key is everything before the first dot of the name (webdataset base_plus_ext).
        if (sample.Stem.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"stem '{sample.Stem}' has a dot, which would split the WebDataset key", nameof(sample));
        }

        var json = LayoutFiles.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("asset", sample.Asset.ToString("D"));
            w.WriteString("bucket", sample.Bucket.ToString());
            w.WriteEndObject();
        }) + "\n";
        var members = new List<Member>
        {
            await Member.FromFileAsync(sample, "png", sample.MediaFile, LayoutEntryKind.Media, cancellationToken),
            Member.FromBytes(sample, "txt", LayoutFiles.Encode(LayoutFiles.CaptionText(sample)), LayoutEntryKind.Caption),
            Member.FromBytes(sample, "json", LayoutFiles.Encode(json), LayoutEntryKind.Config),
        };
        if (sample.ConditioningFile is { } cond)
        {
            members.Add(await Member.FromFileAsync(sample, "cond.png", cond, LayoutEntryKind.Conditioning, cancellationToken));
        }

        if (sample.MaskFile is { } mask)
        {
            members.Add(await Member.FromFileAsync(sample, "mask.png", mask, LayoutEntryKind.Mask, cancellationToken));
        }

        return [.. members.OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    private static async Task WriteShardAsync(LayoutFiles files, string path, List<Member[]> samples, CancellationToken cancellationToken)
    {
        await using (var output = new FileStream(files.Create(path), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            await using var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: false);
            foreach (var member in samples.SelectMany(s => s))
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, member.Name)
                {
                    Mode = Mode,
                    ModificationTime = ModificationTime,
                    Uid = 0,
                    Gid = 0,
                    UserName = Owner,
                    GroupName = Owner,
                };
                await using var data = member.Open();
                entry.DataStream = data;
                await tar.WriteEntryAsync(entry, cancellationToken);
                files.Add(new LayoutEntry($"{path}#{member.Name}", member.Sha256, member.Bytes, member.Kind, member.Stem));
            }
        }

        var (sha, bytes) = await LayoutFiles.HashFileAsync(files.FullPath(path), cancellationToken);
        files.Add(new LayoutEntry(path, sha, bytes, LayoutEntryKind.Shard, null));
    }

    /// <summary>One file in a shard: from a derived file on disk, or from bytes built here (caption, json).</summary>
    internal sealed record Member(string Name, string Stem, LayoutEntryKind Kind, string Sha256, long Bytes, string? File, byte[]? Content)
    {
        public long TarBytes => Block + ((Bytes + Block - 1) / Block * Block);

        public static async Task<Member> FromFileAsync(LayoutSample sample, string field, string file, LayoutEntryKind kind, CancellationToken cancellationToken)
        {
            var (sha, bytes) = await LayoutFiles.HashFileAsync(file, cancellationToken);
            return new Member(NameOf(sample, field), sample.Stem, kind, sha, bytes, file, null);
        }

        public static Member FromBytes(LayoutSample sample, string field, byte[] content, LayoutEntryKind kind) =>
            new(NameOf(sample, field), sample.Stem, kind, LayoutFiles.Sha256(content), content.Length, null, content);

        /// <summary>Opens the bytes the hash was taken from; a file changed since then is a bug upstream, caught by length.</summary>
        public Stream Open()
        {
            Stream stream = Content is not null
                ? new MemoryStream(Content, writable: false)
                : new FileStream(File!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            if (stream.Length != Bytes)
            {
                stream.Dispose();
                throw new InvalidOperationException($"{File} changed while the dataset was written");
            }

            return stream;
        }

        private static string NameOf(LayoutSample sample, string field)
        {
            var name = $"{sample.Stem}.{field}";
            return Encoding.UTF8.GetByteCount(name) <= MaxNameBytes
                ? name
                : throw new ArgumentException($"tar member '{name}' is longer than USTAR's {MaxNameBytes} bytes", nameof(sample));
        }
    }
}
