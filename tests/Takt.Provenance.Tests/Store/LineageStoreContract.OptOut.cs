using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Provenance.Lineage;
using Takt.Provenance.OptOut;

namespace Takt.Provenance.Tests.Store;

public abstract partial class LineageStoreContract
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task OptOut_TrainingRevocation_InvalidatesDownstreamAndItemisesTheFixes()
    {
        await using var database = await CreateDatabaseAsync(Ct);
        var seed = await ArchiveSeed.CreateAsync(database.Contexts, 2, [[0], [1]], sharedPool: false, Ct);
        var clock = new FixedTime(ArchiveSeed.Now);
        using var store = StoreOn(database, clock);
        var p = await RecordProductionAsync(store, seed, Ct);
        var audit = new AuditLog(Path.Combine(database.Folder, "audit.head"), clock);
        var optOut = new OptOutService(database.Contexts, store, audit, clock);
        var items = new RemediationQueries(database.Contexts, store, audit, clock);
        var revocation = await seed.RevokeAsync(database.Contexts, 1, "generative-training", Ct);

        var applied = await optOut.ApplyAsync(Ct);
        var again = await optOut.ApplyAsync(Ct);

        // Dataset, run, LoRA, generation, edit: everything below the dataset; the checkpoint and the assets stay valid.
        Assert.Equal(5, applied.NewInvalidations);
        Assert.Equal((0, 0), (again.NewInvalidations, again.NewItems));
        await using (var db = database.Contexts.Create())
        {
            var invalid = await db.LineageInvalidations.Where(i => i.RevocationId == revocation).Select(i => i.NodeId).ToListAsync(Ct);
            Assert.Equal(new[] { p.Dataset, p.Run, p.Lora, p.Generation, p.Edit }.Select(n => n.Value).Order(), invalid.Order());
            Assert.Equal(7, await db.LineageNodes.CountAsync(n => n.Kind != "contributor", Ct) - 1);
        }

        var pending = await items.ListAsync(null, null, Ct);
        Assert.Equal([RemediationActions.RederiveDataset, RemediationActions.RetrainModel], pending.Select(i => i.Action).Order(StringComparer.Ordinal));
        Assert.True(pending.Single(i => i.Action == RemediationActions.RetrainModel).FromScratch);

        clock.Now = ArchiveSeed.Now.AddDays(31);
        Assert.All(await items.ListAsync(null, null, Ct), i => Assert.Equal(RemediationActions.Overdue, i.State));
    }

    [Fact]
    public async Task OptOut_Replacement_MustHaveNoPathToTheRevokedWork()
    {
        await using var database = await CreateDatabaseAsync(Ct);
        var seed = await ArchiveSeed.CreateAsync(database.Contexts, 2, [[0], [1]], sharedPool: false, Ct);
        using var store = StoreOn(database);
        await RecordProductionAsync(store, seed, Ct);
        var audit = new AuditLog(Path.Combine(database.Folder, "audit.head"), TimeProvider.System);
        var items = new RemediationQueries(database.Contexts, store, audit, TimeProvider.System);
        await seed.RevokeAsync(database.Contexts, 1, "generative-training,reference-use", Ct);
        await new OptOutService(database.Contexts, store, audit, TimeProvider.System).ApplyAsync(Ct);
        var datasetItem = (await items.ListAsync(null, null, Ct)).Single(i => i.Action == RemediationActions.RederiveDataset);
        var tenant = new TenantId(seed.Tenant);

        var tainted = new LineageNodeDraft(LineageNodeId.New(), LineageNodeKind.Dataset, tenant, "keys v2 (still with work 1)", LineageWeights.ForDataset(seed.Assets.Select(a => (new LineageNodeId(a), 10, 1))));
        var clean = new LineageNodeDraft(LineageNodeId.New(), LineageNodeKind.Dataset, tenant, "keys v2", LineageWeights.ForDataset([(new LineageNodeId(seed.Assets[0]), 10, 1)]));
        Assert.True((await store.RecordAsync([tainted, clean], Ct)).Succeeded);

        var refused = await items.ResolveAsync(datasetItem.Id.ToString(), tainted.Id, Ct);
        var wrongKind = await items.ResolveAsync(datasetItem.Id.ToString(), new LineageNodeId(seed.Assets[0]), Ct);
        var done = await items.ResolveAsync(datasetItem.Id.ToString()[..28], clean.Id, Ct);

        Assert.Contains("still derives from revoked asset", refused.Problem, StringComparison.Ordinal);
        Assert.Contains("must be a dataset", wrongKind.Problem, StringComparison.Ordinal);
        Assert.Null(done.Problem);
        Assert.Equal((RemediationActions.Done, clean.Id.Value), (done.Item!.State, done.Item.ReplacementNodeId!.Value));
        Assert.False((await store.IndexAsync(Ct)) is var index && index.TryFind(clean.Id, out var c) && index.TryFind(new LineageNodeId(seed.Assets[1]), out var a) && index.Reaches(c, a));
    }

    [Fact]
    public async Task OptOut_CreditsOnly_InvalidatesNothing()
    {
        await using var database = await CreateDatabaseAsync(Ct);
        var seed = await ArchiveSeed.CreateAsync(database.Contexts, 1, [[0]], sharedPool: false, Ct);
        using var store = StoreOn(database);
        await RecordProductionAsync(store, seed, Ct);
        await seed.RevokeAsync(database.Contexts, 0, "credits-display", Ct);

        var applied = await new OptOutService(database.Contexts, store, new AuditLog(Path.Combine(database.Folder, "audit.head"), TimeProvider.System), TimeProvider.System).ApplyAsync(Ct);

        Assert.Equal((0, 0), (applied.NewInvalidations, applied.NewItems));
    }

    [Fact]
    public async Task Queries_ScopedToATenant_NeverReturnAnotherTenantsNodes()
    {
        await using var database = await CreateDatabaseAsync(Ct);
        var kumo = await ArchiveSeed.CreateAsync(database.Contexts, 1, [[0]], sharedPool: true, Ct);
        var yoru = await ArchiveSeed.CreateAsync(database.Contexts, 1, [[0]], sharedPool: false, Ct);
        using var store = StoreOn(database);
        await store.SyncArchiveAsync(Ct);
        var (pool, run, shared, yoruFrame) = (LineageNodeId.New(), LineageNodeId.New(), LineageNodeId.New(), LineageNodeId.New());
        var outcome = await store.RecordAsync(
        [
            new(pool, LineageNodeKind.Dataset, null, "shared pool v1", LineageWeights.ForDataset([(new LineageNodeId(kumo.Assets[0]), 5, 1)])),
            new(run, LineageNodeKind.TrainingRun, null, "common run", LineageWeights.ForTrainingRun([(pool, 5, 1)])),
            new(shared, LineageNodeKind.Model, null, "common model", LineageWeights.ForTrainedModel(run)),
            new(yoruFrame, LineageNodeKind.Generation, new TenantId(yoru.Tenant), "yoru frame", LineageWeights.ForGeneration(shared, references: [new LineageNodeId(yoru.Assets[0])])),
        ], Ct);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems));
        var queries = new LineageQueries(database.Contexts, store);

        var yoruView = await queries.AttributeAsync(yoruFrame, AttributionGrouping.Contributor, 5, yoru.Tenant, Ct);
        var kumoImpact = await queries.ImpactAsync([new LineageNodeId(kumo.Assets[0])], kumo.Tenant, Ct);
        var operatorImpact = await queries.ImpactAsync([new LineageNodeId(kumo.Assets[0])], null, Ct);

        // Yoru sees the common model as a source, never Kumo's artist behind it.
        Assert.DoesNotContain(yoruView!.Shares, s => s.Node.TenantId == kumo.Tenant);
        Assert.DoesNotContain(yoruView.Paths.SelectMany(p => p.Nodes), n => n.TenantId == kumo.Tenant);
        Assert.Contains(yoruView.Shares, s => s.Source == "shared-pool" && s.Node.Id == shared.Value && Math.Abs(s.Share - 0.75) < 1e-12);
        Assert.Equal(1.0, yoruView.Total, 9);
        // Kumo sees its work reach the shared pool, and only a count of what lies in Yoru.
        Assert.DoesNotContain(kumoImpact!.ByKind.Values.SelectMany(v => v), n => n.TenantId == yoru.Tenant);
        Assert.Equal((3, 1), (kumoImpact.Total, kumoImpact.OutsideScope));
        Assert.Equal(4, operatorImpact!.Total);
        Assert.Null(await queries.AttributeAsync(yoruFrame, AttributionGrouping.Contributor, 0, kumo.Tenant, Ct));
    }
}
