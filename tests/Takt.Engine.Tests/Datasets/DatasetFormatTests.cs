using System.Formats.Tar;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetVips;
using Takt.Domain.Datasets;
using Takt.Domain.Rights;
using Takt.TestKit.Databases;

namespace Takt.Engine.Tests.Datasets;

/// <summary>Every format, retargeting, bad input and explanations, on SQLite (the provider does not change what is written).</summary>
public sealed class DatasetFormatTests : IAsyncLifetime
{
    private DatasetWorld? _world;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DatasetWorld World => _world!;

    public async ValueTask InitializeAsync() => _world = await DatasetWorld.CreateAsync(await SqliteDatabase.CreateAsync(Ct), Ct);

    public async ValueTask DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    [Fact]
    public async Task ImageFolder_ControlNetPairs_ConditioningAlignedWithItsImage()
    {
        var recipe = DatasetWorld.Recipe("studio-kumo", """{"format": "imagefolder", "resolution": 512, "conditioning": "line-art"}""", """{"layerKinds": ["colour"]}""", "pairs") with { Purpose = Purpose.NonGenerativeTraining };

        var build = (await World.Catalog.BuildAsync(recipe, null, null, null, Ct)).Build;

        var lines = (await File.ReadAllLinesAsync(Path.Combine(build.Folder, "train", "metadata.jsonl"), Ct)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var image = Image.NewFromFile(Path.Combine(build.Folder, "train", line.GetProperty("file_name").GetString()!));
            using var conditioning = Image.NewFromFile(Path.Combine(build.Folder, "train", line.GetProperty("conditioning_image_file_name").GetString()!));
            Assert.Equal((512, 512), (image.Width, image.Height));
            Assert.Equal((image.Width, image.Height), (conditioning.Width, conditioning.Height));
            Assert.False(string.IsNullOrWhiteSpace(line.GetProperty("text").GetString()));
        }

        Assert.Contains(build.Manifest.Samples, s => s.Role == "conditioning");
    }

    [Fact]
    public async Task OneTrainer_MasksFromAlpha_AndWebDatasetShards_AreWritten()
    {
        var masks = DatasetWorld.Recipe("studio-kumo", """{"format": "onetrainer", "resolution": 512, "masks": true, "repeats": 2}""", """{"layerKinds": ["character"]}""", "masks");
        var webdataset = DatasetWorld.Recipe("studio-kumo", """{"format": "webdataset", "resolution": 1024, "shardMaxBytes": 1048576}""", """{"layerKinds": ["character", "storyboard", "background"]}""", "shards");

        var oneTrainer = (await World.Catalog.BuildAsync(masks, null, null, null, Ct)).Build;
        var shards = (await World.Catalog.BuildAsync(webdataset, null, null, null, Ct)).Build;

        var maskSamples = oneTrainer.Manifest.Samples.Where(s => s.Role == "mask").ToList();
        Assert.NotEmpty(maskSamples);
        foreach (var mask in maskSamples)
        {
            Assert.EndsWith("-masklabel.png", mask.Path, StringComparison.Ordinal);
            using var image = Image.NewFromFile(Path.Combine(oneTrainer.Folder, mask.Path));
            Assert.Equal(1, image.Bands);
        }

        var tars = Directory.GetFiles(Path.Combine(shards.Folder, "shards"), "*.tar").Order(StringComparer.Ordinal).ToList();
        Assert.True(tars.Count >= 2, $"{tars.Count} shard(s)");
        var members = 0;
        foreach (var tar in tars)
        {
            await using var reader = new TarReader(File.OpenRead(tar));
            var names = new List<string>();
            while (await reader.GetNextEntryAsync(cancellationToken: Ct) is { } entry)
            {
                names.Add(entry.Name);
                Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(946684800), entry.ModificationTime);
            }

            Assert.Equal(names.Order(StringComparer.Ordinal), names);
            Assert.True(new FileInfo(tar).Length <= 1048576 || names.Select(n => n.Split('.')[0]).Distinct().Count() == 1, $"{tar} is over the cap with several samples");
            members += names.Count;
        }

        Assert.Equal(shards.Manifest.Samples.Count + shards.Manifest.Files.Count(f => f.Path.Contains('#', StringComparison.Ordinal)), members);
    }

    [Fact]
    public async Task VideoClips_CutFromConsecutiveFrames_EveryLeftOverFrameSaysWhy()
    {
        var recipe = DatasetWorld.Recipe("studio-anim", """{"format": "video-clips", "resolution": 256, "clipFrames": 5, "fps": 12}""", name: "clips");

        var build = (await World.Catalog.BuildAsync(recipe, null, null, null, Ct)).Build;

        // Frames 1–6 run, 7 is missing, 8–11 run: one clip of 1–5; 6 is left over; 8–11 are too few.
        var clip = Assert.Single(build.Manifest.Samples);
        Assert.Equal("clip", clip.Role);
        Assert.Equal(5, clip.Frames!.Count);
        Assert.True(new FileInfo(Path.Combine(build.Folder, clip.Path)).Length > 0);
        var codes = build.Manifest.Exclusions.SelectMany(e => e.Reasons).GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, codes["leftover-frames"]);
        Assert.Equal(4, codes["sequence-too-short"]);
    }

    [Fact]
    public async Task Retarget_ReDerivesEverything_AndGoingBackReusesTheFirstVersion()
    {
        var recipe = DatasetWorld.Recipe("studio-kumo", """{"format": "kohya", "resolution": 512, "maxBucket": 1024}""", """{"layerKinds": ["storyboard"]}""", "boards");
        var first = await World.Catalog.BuildAsync(recipe, null, null, null, Ct);

        var bigger = Assert.Single(await World.Catalog.RebuildAsync("boards", """{"resolution": 768}""", null, Ct)).Outcome!;
        var back = Assert.Single(await World.Catalog.RebuildAsync("boards", """{"resolution": 512}""", null, Ct)).Outcome!;

        Assert.Equal(first.Version.Id, bigger.Version.Supersedes);
        Assert.Equal(first.Build.Derived, bigger.Build.Derived);
        Assert.Equal(0, bigger.Build.Reused);
        Assert.Equal(first.Version.VersionHash, back.Version.VersionHash);
        Assert.False(back.Recorded);
        Assert.Equal(0, back.Build.Derived);
    }

    [Fact]
    public async Task CorruptArchivedImage_IsExcludedWithItsReason_TheBuildGoesOn()
    {
        string blob;
        await using (var db = World.Database.Contexts.Create())
        {
            var asset = await db.Assets.SingleAsync(a => a.OriginalPath == "sc01/c001/storyboard_02.png", Ct);
            blob = World.Blobs.PathOf(Archive.Blobs.BlobHash.Parse(asset.Sha256));
        }

        File.SetAttributes(blob, FileAttributes.Normal);
        await File.WriteAllBytesAsync(blob, [0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3], Ct);
        var recipe = DatasetWorld.Recipe("studio-kumo", """{"format": "kohya", "resolution": 512}""", """{"layerKinds": ["storyboard"]}""", "corrupt");

        var build = (await World.Catalog.BuildAsync(recipe, null, null, null, Ct)).Build;

        var exclusion = Assert.Single(build.Manifest.Exclusions, e => e.Source == "sc01/c001/storyboard_02.png");
        Assert.Equal("unreadable", Assert.Single(exclusion.Reasons).Code);
        Assert.Equal(2, build.Manifest.Samples.Count);
    }

    [Fact]
    public async Task BadRecipes_FailWithTheFieldAtFault_AndNothingIsWritten()
    {
        var nothing = DatasetWorld.Recipe("studio-kumo", """{"format": "kohya"}""", """{"projects": ["no-such-project"]}""");
        var stranger = DatasetWorld.Recipe("no-such-studio", """{"format": "kohya"}""");

        var e1 = await Assert.ThrowsAsync<DatasetRecipeException>(() => World.Catalog.BuildAsync(nothing, null, null, null, Ct));
        var e2 = await Assert.ThrowsAsync<DatasetRecipeException>(() => World.Catalog.BuildAsync(stranger, null, null, null, Ct));

        Assert.Contains("selects nothing", e1.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-studio", e2.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(World.WorkspaceRoot, "datasets")) && Directory.EnumerateFileSystemEntries(Path.Combine(World.WorkspaceRoot, "datasets")).Any());
        Assert.Empty(await World.Catalog.ListAsync(null, Ct));
    }

    [Fact]
    public async Task BuildInterruptedAfterItsLineageNode_TheNextBuildWritesOnlyTheRow()
    {
        var recipe = DatasetWorld.Recipe("studio-kumo", """{"format": "kohya", "resolution": 512}""", """{"layerKinds": ["storyboard"]}""", "resumed");
        var first = await World.Catalog.BuildAsync(recipe, null, null, null, Ct);
        await using (var db = World.Database.Contexts.Create())
        {
            await db.DatasetVersions.Where(v => v.Id == first.Version.Id).ExecuteDeleteAsync(Ct);
        }

        var again = await World.Catalog.BuildAsync(recipe, null, null, null, Ct);

        Assert.True(again.Recorded);
        Assert.Equal(first.Version.Id, again.Version.Id);
        Assert.Equal(0, again.Build.Derived);
        Assert.Single(await World.Catalog.ListAsync("resumed", Ct));
    }

    [Fact]
    public async Task Explain_SaysWhyAnAssetIsInOrOut()
    {
        var recipe = DatasetWorld.Recipe("studio-kumo", """{"format": "kohya", "resolution": 512}""", """{"layerKinds": ["storyboard", "reference"]}""", "why");
        var build = (await World.Catalog.BuildAsync(recipe, null, null, null, Ct)).Build;
        var commission = build.Manifest.Exclusions.Single(e => e.Source == "refs/commission_hana_fanart.png").Asset;
        var board = build.Manifest.Samples[0].Asset;

        var outOf = Assert.Single(await World.Catalog.ExplainAsync(commission, "why", Ct));
        var inTo = Assert.Single(await World.Catalog.ExplainAsync(board, "why", Ct));

        Assert.Equal("excluded", outOf.Verdict);
        Assert.Contains(outOf.Reasons, r => r.Code == "category-excluded");
        Assert.Equal("included", inTo.Verdict);
        Assert.Equal("image", Assert.Single(inTo.Samples).Role);
    }
}
