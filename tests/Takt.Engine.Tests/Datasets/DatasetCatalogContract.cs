using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NetVips;
using Takt.Archive.Datasets;
using Takt.Domain.Datasets;
using Takt.Domain.Lineage;
using Takt.Domain.Rights;
using Takt.TestKit.Databases;

namespace Takt.Engine.Tests.Datasets;

/// <summary>Building, rebuilding and re-deriving after an opt-out, against each provider, on the ingested demo archive.</summary>
public abstract class DatasetCatalogContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken);

    [Fact]
    public async Task Build_Kohya_ExactBucketsCaptionsConfig_AndALineageNodePerVersion()
    {
        await using var world = await DatasetWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        var recipe = DatasetWorld.Recipe("studio-kumo", """{"format": "kohya", "resolution": 512, "maxBucket": 1024, "repeats": 3}""");

        var outcome = await world.Catalog.BuildAsync(recipe, null, null, null, Ct);

        var build = outcome.Build;
        Assert.True(outcome.Recorded);
        Assert.True(outcome.Version.Samples >= 10, $"{outcome.Version.Samples} samples");
        Assert.Equal(build.Manifest.Samples.Count, build.Derived);
        var buckets = AspectBuckets.Kohya(new PixelSize(512, 512), 256, 1024, 64).Sizes;
        foreach (var sample in build.Manifest.Samples)
        {
            var file = Path.Combine(build.Folder, sample.Path);
            using var image = Image.NewFromFile(file);
            Assert.Equal(sample.Bucket, $"{image.Width}x{image.Height}");
            Assert.Contains(new PixelSize(image.Width, image.Height), buckets);
            Assert.Equal(sample.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))));
            var caption = await File.ReadAllTextAsync(Path.ChangeExtension(file, ".txt"), Ct);
            Assert.False(string.IsNullOrWhiteSpace(caption));
            Assert.StartsWith("img/3_set/", sample.Path, StringComparison.Ordinal);
        }

        // The commission is the client's (tenant policy), the 16-bit colour master has no consent for generative training.
        var excluded = build.Manifest.Exclusions.ToDictionary(e => e.Source, e => e.Reasons.Select(r => r.Code).ToList());
        Assert.Contains("category-excluded", excluded["refs/commission_hana_fanart.png"]);
        Assert.True(excluded.ContainsKey("sc01/c002/key_01_colour.png"));
        var config = await File.ReadAllTextAsync(Path.Combine(build.Folder, "dataset_config.toml"), Ct);
        Assert.Contains("caption_extension = \".txt\"", config, StringComparison.Ordinal);
        Assert.Contains("num_repeats = 3", config, StringComparison.Ordinal);

        var manifestBytes = await File.ReadAllBytesAsync(Path.Combine(build.Folder, DatasetBuilder.ManifestFileName), Ct);
        Assert.Equal(outcome.Version.VersionHash, Convert.ToHexStringLower(SHA256.HashData(manifestBytes)));
        Assert.Equal(outcome.Version.VersionHash, (await world.Catalog.ManifestAsync(outcome.Version, Ct)).VersionId());

        var index = await world.Lineage.IndexAsync(Ct);
        Assert.True(index.TryFind(new LineageNodeId(outcome.Version.Id), out var node));
        Assert.Equal(LineageNodeKind.Dataset, index.KindOf(node));
        var parents = index.ParentsOf(node).ToArray().Select(p => index.IdOf(p).Value).Order().ToList();
        Assert.Equal(build.Manifest.Samples.Select(s => s.Asset).Distinct().Order().ToList(), parents);
    }

    [Fact]
    public async Task Build_Again_SameVersionNothingDerived_AndAnotherFolderGetsIdenticalBytes()
    {
        await using var world = await DatasetWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        var recipe = DatasetWorld.Recipe("studio-kumo", """{"format": "kohya", "resolution": 512, "maxBucket": 1024}""", """{"layerKinds": ["storyboard", "background"]}""");
        var first = await world.Catalog.BuildAsync(recipe, null, null, null, Ct);

        var again = await world.Catalog.BuildAsync(recipe, null, null, null, Ct);
        using var elsewhere = new TestKit.Files.TempFolder("takt-elsewhere");
        var copy = await world.CatalogAt(elsewhere.Path).BuildAsync(recipe, null, null, null, Ct);

        Assert.False(again.Recorded);
        Assert.Equal(first.Version.Id, again.Version.Id);
        Assert.Equal(0, again.Build.Derived);
        Assert.Equal(0, copy.Build.Derived);
        Assert.Equal(first.Build.Derived, copy.Build.Reused);
        Assert.Equal(Tree(first.Build.Folder), Tree(copy.Build.Folder));
    }

    [Fact]
    public async Task OptOut_RederivesTheVersionWithoutTheRevokedWork_AndClosesItsRemediation()
    {
        await using var world = await DatasetWorld.CreateAsync(await CreateDatabaseAsync(Ct), Ct);
        var recipe = DatasetWorld.Recipe("studio-kumo", """{"format": "kohya", "resolution": 512, "maxBucket": 1024}""", """{"layerKinds": ["character", "storyboard"]}""");
        var before = await world.Catalog.BuildAsync(recipe, null, null, null, Ct);
        Guid revoked;
        await using (var db = world.Database.Contexts.Create())
        {
            var work = await db.Works.SingleAsync(w => w.Key == "hana-character-sheet", Ct);
            revoked = await db.Assets.Where(a => a.WorkId == work.Id).Select(a => a.Id).FirstAsync(Ct);
        }

        var revocation = await world.Consent.RevokeAsync(revoked.ToString(), [Purpose.GenerativeTraining], "artist left", null, Ct);
        Assert.Null(revocation.Problem);
        var applied = await world.OptOut.ApplyAsync(Ct);
        Assert.True(applied.NewItems > 0);

        var rebuilt = Assert.Single(await world.Catalog.RebuildAsync(null, null, null, Ct));

        var after = rebuilt.Outcome!;
        Assert.Null(rebuilt.Problem);
        Assert.NotEmpty(rebuilt.ResolvedItems);
        Assert.Equal(before.Version.Id, after.Version.Supersedes);
        Assert.Equal(0, after.Build.Derived);
        var workAssets = before.Build.Manifest.Samples.Where(s => after.Build.Manifest.Exclusions.Any(e => e.Asset == s.Asset)).ToList();
        Assert.NotEmpty(workAssets);
        Assert.DoesNotContain(after.Build.Manifest.Samples, s => workAssets.Any(w => w.Asset == s.Asset));
        Assert.All(after.Build.Manifest.Exclusions.Where(e => workAssets.Any(w => w.Asset == e.Asset)), e => Assert.Contains(e.Reasons, r => r.Code == "revoked"));
        var diff = await world.Catalog.DiffAsync(before.Version, after.Version, Ct);
        Assert.Equal(workAssets.Count, diff.Removed.Count);
        Assert.Empty(diff.Added);
        Assert.Empty(await world.Catalog.RebuildAsync(null, null, null, Ct));
    }

    internal static SortedDictionary<string, string> Tree(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);
}

public sealed class SqliteDatasetCatalogTests : DatasetCatalogContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        await SqliteDatabase.CreateAsync(cancellationToken);
}

/// <summary>Skipped with its reason when TAKT_TEST_POSTGRES is unset; failed instead when TAKT_REQUIRE_POSTGRES=1.</summary>
public sealed class PostgresDatasetCatalogTests : DatasetCatalogContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        PostgresServer.Require();
        return await PostgresDatabase.CreateAsync(cancellationToken);
    }
}
