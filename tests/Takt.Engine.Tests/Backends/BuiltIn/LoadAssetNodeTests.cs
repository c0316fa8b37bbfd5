using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Archive.Rights;
using Takt.Domain.Rights;
using Takt.Domain.Workflows;
using Takt.Engine.Backends.BuiltIn;
using Takt.Provenance.Lineage;

namespace Takt.Engine.Tests.Backends.BuiltIn;

/// <summary>takt.load-* against a real ingested archive on SQLite, its consent decided by the project's one policy.</summary>
public sealed class LoadAssetNodeTests(LoadAssetWorld world) : IClassFixture<LoadAssetWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoadAsset_ById_ValueIsTheAssetsBlobWithItsLineageNode()
    {
        await using var harness = Harness();
        var asset = world.Assets["allowed"];

        var output = await harness.RunOneAsync(BuiltInNodeTypes.LoadAsset, new { asset = asset.Id.ToString() });

        Assert.Equal(new PortValue(PortType.Image, asset.Sha256, asset.Sha256, "image/png", Lineage: asset.Id), output);
        using var image = await harness.ReadImageAsync(output);
        Assert.Equal((40, 30), (image.Width, image.Height));
    }

    [Fact]
    public async Task LoadAsset_LineageNodeOfTheValue_IsTheArchiveSyncsAssetNode()
    {
        await using var harness = Harness();
        var asset = world.Assets["allowed"];
        var audit = new AuditLog(Path.Combine(world.Database.Folder, "audit.head"), TimeProvider.System);
        using var lineage = new LineageStore(world.Database.Contexts, audit, TimeProvider.System);
        await lineage.SyncArchiveAsync(Ct);

        var output = await harness.RunOneAsync(BuiltInNodeTypes.LoadAsset, new { asset = asset.Id.ToString() });

        await using var db = world.Database.Contexts.Create();
        var node = await db.LineageNodes.SingleAsync(n => n.Id == output.Lineage, Ct);
        Assert.Equal(("asset", $"sha256:{asset.Sha256}"), (node.Kind, node.Reference));
    }

    [Fact]
    public async Task LoadAsset_BySha256_SameValueAsById()
    {
        await using var harness = Harness();
        var asset = world.Assets["allowed"];

        var byHash = await harness.RunOneAsync(BuiltInNodeTypes.LoadAsset, new { asset = $"sha256:{asset.Sha256}" });
        var byId = await harness.RunOneAsync(BuiltInNodeTypes.LoadAsset, new { asset = asset.Id.ToString() });

        Assert.Equal(byId, byHash);
    }

    [Fact]
    public async Task LoadAsset_ConsentRefused_PermanentErrorNamingTheAssetAndTheReason()
    {
        await using var harness = Harness();
        var asset = world.Assets["refused"];

        var error = await harness.FailAsync(BuiltInNodeTypes.LoadAsset, new { asset = asset.Id.ToString() });

        Assert.Contains(asset.Id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("may not be used for reference-use", error.Message, StringComparison.Ordinal);
        Assert.Contains("consent-refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsset_ConsentWithdrawnAfterAllowed_RefusedWithRevocation()
    {
        // Its own world: withdrawing consent changes the archive other tests read.
        await using var own = new LoadAssetWorld();
        await own.InitializeAsync();
        await using var harness = new BuiltInHarness(own.Database, blobs: own.Blobs);
        var asset = own.Assets["allowed"];
        var consent = new ConsentService(own.Database.Contexts, new AuditLog(Path.Combine(own.Database.Folder, "audit.head"), TimeProvider.System), TimeProvider.System);
        Assert.True((await consent.RevokeAsync(asset.Id.ToString(), [Purpose.ReferenceUse], "asked by the artist", null, Ct)).Problem is null);

        var error = await harness.FailAsync(BuiltInNodeTypes.LoadAsset, new { asset = asset.Id.ToString() });

        Assert.Contains("revoked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsset_OtherTenantsAsset_NotFoundForATenantScopedBackend()
    {
        await using var harness = Harness(tenant: "studio-a");
        var asset = world.Assets["other"];

        var error = await harness.FailAsync(BuiltInNodeTypes.LoadAsset, new { asset = asset.Id.ToString() });

        Assert.Contains($"no asset {asset.Id}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsset_OwnTenantsAsset_LoadsForATenantScopedBackend()
    {
        await using var harness = Harness(tenant: "studio-b");
        var asset = world.Assets["other"];

        var output = await harness.RunOneAsync(BuiltInNodeTypes.LoadAsset, new { asset = asset.Id.ToString() });

        Assert.Equal(asset.Id, output.Lineage);
    }

    [Fact]
    public async Task LoadAsset_UnknownTenant_PermanentError()
    {
        await using var harness = Harness(tenant: "nobody");

        var error = await harness.FailAsync(BuiltInNodeTypes.LoadAsset, new { asset = world.Assets["allowed"].Id.ToString() });

        Assert.Contains("tenant 'nobody'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadVideo_ClipAsset_VideoValue()
    {
        await using var harness = Harness();
        var asset = world.Assets["clip"];

        var output = await harness.RunOneAsync(BuiltInNodeTypes.LoadVideo, new { asset = asset.Id.ToString() });

        Assert.Equal((PortType.Video, "video/mp4", asset.Sha256), (output.Type, output.MediaType, output.BlobHash));
    }

    [Fact]
    public async Task LoadAsset_VideoAsset_PermanentErrorPointingToLoadVideo()
    {
        await using var harness = Harness();
        var asset = world.Assets["clip"];

        var error = await harness.FailAsync(BuiltInNodeTypes.LoadAsset, new { asset = asset.Id.ToString() });

        Assert.Contains("is video/mp4", error.Message, StringComparison.Ordinal);
        Assert.Contains("takt.load-video", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0196a1b2-0000-7000-8000-000000000000", "no asset 0196a1b2-0000-7000-8000-000000000000")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000", "no asset has the content sha256:0000")]
    [InlineData("sha256:xyz", "is not sha256:<64 hex digits>")]
    [InlineData("nope", "is not an asset id")]
    public async Task LoadAsset_NoSuchAsset_PermanentErrorNamingIt(string reference, string expected)
    {
        await using var harness = Harness();

        var error = await harness.FailAsync(BuiltInNodeTypes.LoadAsset, new { asset = reference });

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsset_BlobGoneFromTheStore_PermanentError()
    {
        // Another store: the rows are there, the bytes are not.
        await using var harness = new BuiltInHarness(world.Database);
        var asset = world.Assets["allowed"];

        var error = await harness.FailAsync(BuiltInNodeTypes.LoadAsset, new { asset = asset.Id.ToString() });

        Assert.Contains("missing from the blob store", error.Message, StringComparison.Ordinal);
    }

    private BuiltInHarness Harness(string? tenant = null) => new(world.Database, tenant, world.Blobs);
}
