using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using Takt.Archive.Datasets.Layouts;
using Takt.Domain.Datasets;
using static Takt.Archive.Tests.Datasets.Layouts.LayoutHarness;

namespace Takt.Archive.Tests.Datasets.Layouts;

public sealed class WebDatasetLayoutTests : IDisposable
{
    private readonly LayoutHarness _harness = new();

    private static readonly TargetSpec Target = new() { Format = DatasetFormat.WebDataset };

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task WriteAsync_OneShard_MembersSortedByKeyThenFieldWithFixedHeaders()
    {
        var samples = new[]
        {
            _harness.Sample("a-1-b", "second", 3, conditioning: true, mask: true),
            _harness.Sample("a-1", "first", 1, conditioning: true, mask: true),
        };

        var (root, entries) = await _harness.WriteTwiceAsync(Recipe(Target), samples);

        Assert.Equal(["shards/mika-000000.tar"], Files(root));
        var members = TarMembers(Path.Combine(root, "shards/mika-000000.tar"));
        // Key then field, not plain name order: "a-1-b.png" sorts before "a-1.png" by name, which would split sample a-1.
        Assert.Equal(
            ["a-1.cond.png", "a-1.json", "a-1.mask.png", "a-1.png", "a-1.txt",
             "a-1-b.cond.png", "a-1-b.json", "a-1-b.mask.png", "a-1-b.png", "a-1-b.txt"],
            members.Select(m => m.Name));
        foreach (var (_, _, entry) in members)
        {
            var ustar = Assert.IsType<UstarTarEntry>(entry);
            Assert.Equal(TarEntryType.RegularFile, ustar.EntryType);
            Assert.Equal(946_684_800, ustar.ModificationTime.ToUnixTimeSeconds());
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, ustar.Mode);
            Assert.Equal(0, ustar.Uid);
            Assert.Equal(0, ustar.Gid);
            Assert.Equal("bigdata", ustar.UserName);
            Assert.Equal("bigdata", ustar.GroupName);
        }

        Assert.Equal(File.ReadAllBytes(samples[1].MediaFile), members[3].Bytes);
        Assert.Equal(File.ReadAllBytes(samples[1].ConditioningFile!), members[0].Bytes);
        Assert.Equal(File.ReadAllBytes(samples[1].MaskFile!), members[2].Bytes);
        Assert.Equal("first\n"u8.ToArray(), members[4].Bytes);
        using var json = JsonDocument.Parse(members[1].Bytes);
        Assert.Equal(samples[1].Asset, json.RootElement.GetProperty("asset").GetGuid());
        Assert.Equal("64x64", json.RootElement.GetProperty("bucket").GetString());

        var shard = entries.Single(e => e.Kind == LayoutEntryKind.Shard);
        Assert.Equal(("shards/mika-000000.tar", (string?)null), (shard.Path, shard.Stem));
        var cond = entries.Single(e => e.Path == "shards/mika-000000.tar#a-1.cond.png");
        Assert.Equal((LayoutEntryKind.Conditioning, "a-1"), (cond.Kind, cond.Stem));
        Assert.Equal(LayoutEntryKind.Config, entries.Single(e => e.Path.EndsWith("#a-1-b.json", StringComparison.Ordinal)).Kind);
        Assert.Equal(LayoutEntryKind.Caption, entries.Single(e => e.Path.EndsWith("#a-1-b.txt", StringComparison.Ordinal)).Kind);
    }

    [Fact]
    public async Task WriteAsync_SixSamples_ThreeShardsWithinTheCap()
    {
        // Each sample is 5,632 tar bytes: media 3,000 → 512 + 3,072; caption 512 + 512; json 512 + 512.
        const long SampleBytes = 5_632;
        const long Cap = 1_024 + (2 * SampleBytes);
        var samples = Enumerable.Range(1, 6)
            .Select(i => _harness.Sample($"s-{i}", "x", i) with { MediaFile = _harness.Write($"m{i}.bin", RandomNumberGenerator.GetBytes(3_000)) })
            .ToArray();

        var (root, entries) = await _harness.WriteTwiceAsync(Recipe(Target with { ShardMaxBytes = Cap }), samples);

        Assert.Equal(["shards/mika-000000.tar", "shards/mika-000001.tar", "shards/mika-000002.tar"], Files(root));
        var keys = new List<string>();
        foreach (var file in Files(root))
        {
            Assert.InRange(new FileInfo(Path.Combine(root, file)).Length, 1, Cap);
            var members = TarMembers(Path.Combine(root, file));
            Assert.Equal(6, members.Count);
            keys.AddRange(members.Select(m => m.Name.Split('.')[0]).Distinct());
        }

        Assert.Equal(["s-1", "s-2", "s-3", "s-4", "s-5", "s-6"], keys);
        Assert.Equal(3, entries.Count(e => e.Kind == LayoutEntryKind.Shard));
        Assert.Equal(18, entries.Count(e => e.Path.Contains('#', StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WriteAsync_SampleBiggerThanTheCap_GetsAShardOfItsOwn()
    {
        var samples = new[]
        {
            _harness.Sample("a", "x", 1),
            _harness.Sample("b", "x", 2) with { MediaFile = _harness.Write("big.bin", RandomNumberGenerator.GetBytes(40_000)) },
            _harness.Sample("c", "x", 3),
        };

        var (root, _) = await _harness.WriteAsync(Recipe(Target with { ShardMaxBytes = 30_000 }), samples);

        var shards = Files(root).Select(f => TarMembers(Path.Combine(root, f)).Select(m => m.Name.Split('.')[0]).Distinct().ToArray()).ToArray();
        Assert.Equal([["a"], ["b"], ["c"]], shards);
    }

    [Fact]
    public async Task WriteAsync_Shards_PythonTarfileReadsThemAsWebDatasetSamples()
    {
        var samples = new[] { _harness.Sample("b-2", "two", 2, conditioning: true), _harness.Sample("a-1", "one", 1, conditioning: true) };
        var (root, entries) = await _harness.WriteAsync(Recipe(Target), samples);

        // webdataset's own key split (tariterators.base_plus_ext) and tarfile's view of each header.
        const string Script = """
            import hashlib, json, re, sys, tarfile
            out = []
            with tarfile.open(sys.argv[1]) as tar:
                for m in tar.getmembers():
                    key, field = re.match(r"^((?:.*/|)[^.]+)[.]([^/]*)$", m.name).groups()
                    data = tar.extractfile(m).read()
                    out.append([m.name, key, field, m.mtime, oct(m.mode), m.uid, m.gid, m.uname, m.gname, m.isreg(), hashlib.sha256(data).hexdigest()])
            print(json.dumps(out))
            """;
        using var listed = JsonDocument.Parse(await PythonAsync(Script, Path.Combine(root, "shards/mika-000000.tar")));

        var rows = listed.RootElement.EnumerateArray().ToArray();
        Assert.Equal(
            ["a-1.cond.png", "a-1.json", "a-1.png", "a-1.txt", "b-2.cond.png", "b-2.json", "b-2.png", "b-2.txt"],
            rows.Select(r => r[0].GetString()));
        Assert.Equal(["a-1", "a-1", "a-1", "a-1", "b-2", "b-2", "b-2", "b-2"], rows.Select(r => r[1].GetString()));
        Assert.Equal("cond.png", rows[0][2].GetString());
        foreach (var row in rows)
        {
            Assert.Equal("""[946684800,"0o444",0,0,"bigdata","bigdata",true]""", JsonSerializer.Serialize(row.EnumerateArray().Skip(3).Take(7)));
            Assert.Equal(entries.Single(e => e.Path == "shards/mika-000000.tar#" + row[0].GetString()).Sha256, row[10].GetString());
        }
    }

    [Fact]
    public async Task WriteAsync_StemWithDot_Refused()
    {
        // The contract already keeps stems to [a-z0-9-]; a dot would split the WebDataset key.
        await Assert.ThrowsAsync<ArgumentException>(() => _harness.WriteAsync(Recipe(Target), [_harness.Sample("a.b", "x", 1)]));
    }
}
