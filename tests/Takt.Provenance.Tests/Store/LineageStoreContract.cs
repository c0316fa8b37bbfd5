using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Provenance.Lineage;
using Takt.TestKit.Databases;

namespace Takt.Provenance.Tests.Store;

/// <summary>The lineage store against each provider; every test gets a database of its own, since the graph is one per database.</summary>
public abstract partial class LineageStoreContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken);

    internal static LineageStore StoreOn(ITestDatabase database, TimeProvider? time = null) =>
        new(database.Contexts, new AuditLog(Path.Combine(database.Folder, "audit.head"), time ?? TimeProvider.System), time ?? TimeProvider.System);

    /// <summary>dataset(all assets) → LoRA run → LoRA; an external checkpoint; a generation using both; an edit of it by contributor 0.</summary>
    internal sealed record Production(LineageNodeId Dataset, LineageNodeId Run, LineageNodeId Lora, LineageNodeId Checkpoint, LineageNodeId Generation, LineageNodeId Edit);

    internal static async Task<Production> RecordProductionAsync(LineageStore store, ArchiveSeed seed, CancellationToken cancellationToken)
    {
        await store.SyncArchiveAsync(cancellationToken);
        var tenant = new TenantId(seed.Tenant);
        var p = new Production(LineageNodeId.New(), LineageNodeId.New(), LineageNodeId.New(), LineageNodeId.New(), LineageNodeId.New(), LineageNodeId.New());
        var outcome = await store.RecordAsync(
        [
            new(p.Dataset, LineageNodeKind.Dataset, tenant, "keys v1", LineageWeights.ForDataset(seed.Assets.Select((a, i) => (new LineageNodeId(a), 10, i + 1)))),
            new(p.Run, LineageNodeKind.TrainingRun, tenant, "lora run", LineageWeights.ForTrainingRun([(p.Dataset, 60, 4)])),
            new(p.Lora, LineageNodeKind.Model, tenant, "style lora", LineageWeights.ForTrainedModel(p.Run)),
            new(p.Checkpoint, LineageNodeKind.Model, tenant, "open base checkpoint", []),
            new(p.Generation, LineageNodeKind.Generation, tenant, "frame", LineageWeights.ForGeneration(p.Checkpoint, [(p.Lora, 1.0)])),
            new(p.Edit, LineageNodeKind.Edit, tenant, "cleanup", LineageWeights.ForEdit(new LineageNodeId(seed.Contributors[0]), [p.Generation], 0.5)),
        ], cancellationToken);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems));
        return p;
    }

    [Fact]
    public async Task Record_Production_AttributionMatchesTheWeightRules()
    {
        await using var database = await CreateDatabaseAsync(Ct);
        var seed = await ArchiveSeed.CreateAsync(database.Contexts, 3, [[0], [1, 2]], sharedPool: false, Ct);
        using var store = StoreOn(database);
        var p = await RecordProductionAsync(store, seed, Ct);
        var index = await store.IndexAsync(Ct);
        Assert.True(index.TryFind(p.Edit, out var edit));

        var shares = index.Attribute(edit).ToDictionary(s => index.IdOf(s.Node).Value, s => s.Share);

        // Edit: editor 0.5, generation 0.5 → checkpoint 0.25, LoRA 0.25 → dataset: asset 0 (10×1) 1/3, asset 1 (10×2) 2/3.
        Assert.Equal(0.5 + (0.25 / 3), shares[seed.Contributors[0]], 12);
        Assert.Equal(0.25 * 2 / 3 / 2, shares[seed.Contributors[1]], 12);
        Assert.Equal(0.25 * 2 / 3 / 2, shares[seed.Contributors[2]], 12);
        Assert.Equal(0.25, shares[p.Checkpoint.Value], 12);
        Assert.Equal(1.0, shares.Values.Sum(), 9);
    }

    [Fact]
    public async Task IndexLoadedCold_EqualsIndexUpdatedIncrementally()
    {
        await using var database = await CreateDatabaseAsync(Ct);
        var seed = await ArchiveSeed.CreateAsync(database.Contexts, 3, [[0], [1, 2], [2]], sharedPool: false, Ct);
        using var writer = StoreOn(database);
        using var reader = StoreOn(database);
        var before = await reader.IndexAsync(Ct);
        var p = await RecordProductionAsync(writer, seed, Ct);

        // The reader loaded before the writes and catches up; a third store loads cold afterwards.
        var caughtUp = await reader.IndexAsync(Ct);
        using var cold = StoreOn(database);
        var loaded = await cold.IndexAsync(Ct);

        Assert.Same(before, caughtUp);
        Assert.Equal(loaded.NodeCount, caughtUp.NodeCount);
        Assert.Equal(loaded.EdgeCount, caughtUp.EdgeCount);
        foreach (var id in new[] { p.Edit, p.Generation, p.Dataset })
        {
            Assert.True(caughtUp.TryFind(id, out var a));
            Assert.True(loaded.TryFind(id, out var b));
            Assert.Equal(caughtUp.Attribute(a).Select(s => (caughtUp.IdOf(s.Node), s.Share)), loaded.Attribute(b).Select(s => (loaded.IdOf(s.Node), s.Share)));
        }
    }

    [Fact]
    public async Task Record_BadBatch_RecordsNothingAndNamesEveryProblem()
    {
        await using var database = await CreateDatabaseAsync(Ct);
        var seed = await ArchiveSeed.CreateAsync(database.Contexts, 1, [[0]], sharedPool: false, Ct);
        using var store = StoreOn(database);
        await store.SyncArchiveAsync(Ct);
        var tenant = new TenantId(seed.Tenant);
        await using var db = database.Contexts.Create();
        var (nodes, edges) = (await db.LineageNodes.CountAsync(Ct), await db.LineageEdges.CountAsync(Ct));

        var good = new LineageNodeDraft(LineageNodeId.New(), LineageNodeKind.Dataset, tenant, "fine", [new(new LineageNodeId(seed.Assets[0]), 1, EdgeRole.Sample)]);
        var bad = new LineageNodeDraft(LineageNodeId.New(), LineageNodeKind.Dataset, tenant, "broken", [new(new LineageNodeId(seed.Assets[0]), double.NaN, EdgeRole.Sample)]);
        var outcome = await store.RecordAsync([good, bad], Ct);

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Problems, pr => pr.Node == bad.Id && pr.Message.Contains("finite", StringComparison.Ordinal));
        Assert.Equal(nodes, await db.LineageNodes.CountAsync(Ct));
        Assert.Equal(edges, await db.LineageEdges.CountAsync(Ct));
        Assert.False((await store.IndexAsync(Ct)).TryFind(good.Id, out _));
    }

    [Fact]
    public async Task Record_OtherTenantsAsset_IsRefused()
    {
        await using var database = await CreateDatabaseAsync(Ct);
        var kumo = await ArchiveSeed.CreateAsync(database.Contexts, 1, [[0]], sharedPool: false, Ct);
        var yoru = await ArchiveSeed.CreateAsync(database.Contexts, 1, [[0]], sharedPool: false, Ct);
        using var store = StoreOn(database);

        var outcome = await store.RecordAsync([new(LineageNodeId.New(), LineageNodeKind.Dataset, new TenantId(kumo.Tenant), "poached", [new(new LineageNodeId(yoru.Assets[0]), 1, EdgeRole.Sample)])], Ct);

        Assert.Contains(outcome.Problems, p => p.Message.Contains("another tenant", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_AgainAfterSync_IsIdempotentForTheArchive()
    {
        await using var database = await CreateDatabaseAsync(Ct);
        await ArchiveSeed.CreateAsync(database.Contexts, 2, [[0, 1]], sharedPool: false, Ct);
        using var store = StoreOn(database);

        Assert.Equal(3, await store.SyncArchiveAsync(Ct));
        Assert.Equal(0, await store.SyncArchiveAsync(Ct));
    }
}
