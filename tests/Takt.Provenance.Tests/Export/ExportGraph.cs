using Takt.Archive.Audit;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Persistence;
using Takt.Persistence.Lineage;
using Takt.Persistence.Tenancy;
using Takt.Provenance.Lineage;
using Takt.TestKit.Databases;

namespace Takt.Provenance.Tests.Export;

/// <summary>
/// A small graph across two tenants and the shared pool. Kumo feeds the pool; Yoru does not.
/// <code>
/// kumo:  artist ← asset ← dataset ← run ← lora ┐
///        base checkpoint (external) ───────────┴ generation ← edit (← artist) ← render ← product
///                        asset ← pool dataset ← pool run ← pool model (shared pool) ← yoru generation
/// yoru:  painter ← yoru asset ← yoru dataset ← yoru run (fine-tunes the pool model at 0.25) ← yoru model
/// </code>
/// The kumo dataset is invalidated by a revocation.
/// </summary>
public sealed record ExportGraph(
    LineageStore Store, TaktContextFactory Contexts, TenantId Kumo, TenantId Yoru,
    LineageNodeId Artist, LineageNodeId Asset, LineageNodeId Dataset, LineageNodeId Run, LineageNodeId Lora, LineageNodeId Checkpoint,
    LineageNodeId Generation, LineageNodeId Edit, LineageNodeId Render, LineageNodeId Product,
    LineageNodeId PoolDataset, LineageNodeId PoolRun, LineageNodeId PoolModel,
    LineageNodeId Painter, LineageNodeId YoruAsset, LineageNodeId YoruDataset, LineageNodeId YoruRun, LineageNodeId YoruModel, LineageNodeId YoruGeneration,
    Guid Revocation)
{
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    public IEnumerable<LineageNodeId> YoruNodes => [Painter, YoruAsset, YoruDataset, YoruRun, YoruModel, YoruGeneration];

    public static async Task<ExportGraph> SeedAsync(ITestDatabase database, CancellationToken ct)
    {
        var contexts = database.Contexts;
        var (kumo, yoru) = (new TenantId(Guid.CreateVersion7()), new TenantId(Guid.CreateVersion7()));
        await using (var db = contexts.Create())
        {
            db.Tenants.Add(Tenant(kumo, "kumo", sharedPool: true));
            db.Tenants.Add(Tenant(yoru, "yoru", sharedPool: false));
            await db.SaveChangesAsync(ct);
        }

        var store = new LineageStore(contexts, new AuditLog(Path.Combine(database.Folder, "audit.head"), TimeProvider.System), new FixedTime(Now));
        var ids = Enumerable.Range(0, 19).Select(_ => LineageNodeId.New()).ToArray();
        var (artist, asset, dataset, run, lora, checkpoint, generation, edit, render, product) = (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7], ids[8], ids[9]);
        var (poolDataset, poolRun, poolModel) = (ids[10], ids[11], ids[12]);
        var (painter, yoruAsset, yoruDataset, yoruRun, yoruModel, yoruGeneration) = (ids[13], ids[14], ids[15], ids[16], ids[17], ids[18]);
        LineageNodeDraft Node(LineageNodeId id, LineageNodeKind kind, TenantId? tenant, string label, IReadOnlyList<ParentLink> parents, string? reference = null, string? attributes = null) =>
            new(id, kind, tenant, label, parents, reference, attributes);

        var outcome = await store.RecordAsync(
        [
            Node(artist, LineageNodeKind.Contributor, kumo, "Aiko Tanaka", [], "aiko"),
            Node(asset, LineageNodeKind.Asset, kumo, "Hana — character sheet", LineageWeights.ForAsset([artist]), "sha256:ab"),
            Node(dataset, LineageNodeKind.Dataset, kumo, "hana dataset v1", LineageWeights.ForDataset([(asset, 1, 10)]), attributes: """{"recipe":"hana","repeats":10}"""),
            Node(checkpoint, LineageNodeKind.Model, kumo, "open base checkpoint (external)", []),
            Node(run, LineageNodeKind.TrainingRun, kumo, "hana LoRA run", LineageWeights.ForTrainingRun([(dataset, 10, 4)], checkpoint, 0)),
            Node(lora, LineageNodeKind.Model, kumo, "hana LoRA", LineageWeights.ForTrainedModel(run)),
            Node(generation, LineageNodeKind.Generation, kumo, "key visual", LineageWeights.ForGeneration(checkpoint, [(lora, 0.8)], [asset])),
            Node(edit, LineageNodeKind.Edit, kumo, "line fixes", LineageWeights.ForEdit(artist, [generation])),
            Node(render, LineageNodeKind.Render, kumo, "cut render", LineageWeights.ForRender([(edit, 24L)])),
            Node(product, LineageNodeKind.Product, kumo, "teaser", LineageWeights.ForProduct([(render, 1.0)])),
            Node(poolDataset, LineageNodeKind.Dataset, null, "pool dataset", LineageWeights.ForDataset([(asset, 1, 1)])),
            Node(poolRun, LineageNodeKind.TrainingRun, null, "pool run", LineageWeights.ForTrainingRun([(poolDataset, 1, 1)])),
            Node(poolModel, LineageNodeKind.Model, null, "pool model", LineageWeights.ForTrainedModel(poolRun)),
            Node(painter, LineageNodeKind.Contributor, yoru, "Nao Shimizu", [], "nao"),
            Node(yoruAsset, LineageNodeKind.Asset, yoru, "kage", LineageWeights.ForAsset([painter])),
            Node(yoruDataset, LineageNodeKind.Dataset, yoru, "kage dataset", LineageWeights.ForDataset([(yoruAsset, 1, 1)])),
            Node(yoruRun, LineageNodeKind.TrainingRun, yoru, "kage fine-tune", LineageWeights.ForTrainingRun([(yoruDataset, 1, 1)], poolModel, 0.25)),
            Node(yoruModel, LineageNodeKind.Model, yoru, "kage model", LineageWeights.ForTrainedModel(yoruRun)),
            Node(yoruGeneration, LineageNodeKind.Generation, yoru, "kage still", LineageWeights.ForGeneration(yoruModel)),
        ], ct);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems));

        var revocation = Guid.CreateVersion7();
        await using (var db = contexts.Create())
        {
            db.LineageInvalidations.Add(new LineageInvalidationRow { Id = Guid.CreateVersion7(), NodeId = dataset.Value, TenantId = kumo.Value, RevocationId = revocation, InvalidatedAt = Now.AddDays(1) });
            await db.SaveChangesAsync(ct);
        }

        return new ExportGraph(store, contexts, kumo, yoru, artist, asset, dataset, run, lora, checkpoint, generation, edit, render, product,
            poolDataset, poolRun, poolModel, painter, yoruAsset, yoruDataset, yoruRun, yoruModel, yoruGeneration, revocation);
    }

    private static TenantRow Tenant(TenantId id, string slug, bool sharedPool) =>
        new() { Id = id.Value, Slug = slug, Name = slug, ExcludedCategories = "", RemovalDeadlineDays = 60, SharedPool = sharedPool, CreatedAt = Now };

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
