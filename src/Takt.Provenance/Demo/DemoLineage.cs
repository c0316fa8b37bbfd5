using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Rights;
using Takt.Domain.Consent;
using Takt.Domain.Lineage;
using Takt.Domain.Rights;
using Takt.Domain.Tenancy;
using Takt.Persistence;
using Takt.Persistence.Archive;
using Takt.Provenance.Lineage;

namespace Takt.Provenance.Demo;

/// <summary>
/// The demo's production history for Studio Kumo, recorded into the lineage graph the way the
/// engine will record real work: a character-LoRA dataset built from the assets that consent
/// policy allows for generative training at that moment, its training run and LoRA, an external
/// open base checkpoint, two generations, an animator's edit, a render of the cut and a release.
/// Every weight comes from <see cref="LineageWeights"/>. Recorded once: its nodes carry stable
/// references, and a later run finds them instead of recording again.
/// </summary>
public sealed class DemoLineage(TaktContextFactory contexts, LineageStore store, TimeProvider time)
{
    public const string Tenant = "studio-kumo";

    /// <summary>Aiko Tanaka, the key animator of the demo manifest, makes the edit.</summary>
    public const string Animator = "aiko";

    public const string ReferencePrefix = "takt-demo:hanabi/";

    private const string ReferenceWork = "sc01-storyboard";
    private const string Marker = ReferencePrefix + "product";
    private const int Epochs = 10;

    // The recipe: the character and key-animation material a character LoRA learns from, with
    // kohya-style repeats weighting the character sheet most. Backgrounds are not in it.
    private static readonly Dictionary<string, int> Repeats = new(StringComparer.Ordinal)
    {
        ["character"] = 10,
        ["key-drawing"] = 2,
        ["line-art"] = 2,
        ["colour"] = 2,
        ["storyboard"] = 1,
        ["reference"] = 1,
    };

    public async Task<DemoLineageRecord> RecordOnceAsync(CancellationToken cancellationToken)
    {
        await store.SyncArchiveAsync(cancellationToken);
        if (await FindAsync(cancellationToken) is { } existing)
        {
            return existing;
        }

        await using var db = contexts.Create();
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == Tenant, cancellationToken)
            ?? throw new InvalidOperationException($"the demo tenant {Tenant} was not ingested");
        var kumo = new TenantId(tenant.Id);
        var scope = TenantScope.Own(kumo);
        var now = time.GetUtcNow();

        var kinds = Repeats.Keys.ToList();
        var candidates = await db.Assets.AsNoTracking()
            .Where(a => a.TenantId == tenant.Id && a.ContainerId == null && kinds.Contains(a.LayerKind))
            .OrderBy(a => a.OriginalPath).ToListAsync(cancellationToken);
        var members = new List<(AssetRow Asset, int Repeats)>();
        var excluded = new List<string>();
        var conditions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var asset in candidates)
        {
            var decision = ConsentPolicy.Decide(await SubjectAsync(db, asset, tenant, cancellationToken), Purpose.GenerativeTraining, scope, now);
            if (decision.IsAllowed)
            {
                members.Add((asset, Repeats[asset.LayerKind]));
                conditions.UnionWith(decision.Conditions);
            }
            else
            {
                excluded.Add($"{asset.Name}: {string.Join(", ", decision.Reasons.Select(r => r.Code))}");
            }
        }

        if (members.Count == 0)
        {
            throw new InvalidOperationException("no demo asset is allowed for generative training, so the demo has no dataset to record");
        }

        var reference = await ReferenceAsync(db, tenant, scope, now, cancellationToken);
        var animator = await db.Contributors.AsNoTracking().Where(c => c.TenantId == tenant.Id && c.Key == Animator).Select(c => new { c.Id, c.Name }).SingleAsync(cancellationToken);

        var steps = new List<DemoLineageStep>();
        var batch = new List<LineageNodeDraft>();
        LineageNodeId Add(string step, LineageNodeKind kind, string label, IReadOnlyList<ParentLink> parents, object? attributes = null)
        {
            var id = LineageNodeId.New();
            var text = $"demo pipeline: {label}";
            steps.Add(new DemoLineageStep(step, id, kind, text));
            batch.Add(new LineageNodeDraft(id, kind, kumo, text, parents, ReferencePrefix + step,
                attributes is null ? null : JsonSerializer.Serialize(attributes, JsonSerializerOptions.Web)));
            return id;
        }

        var samples = members.Sum(m => (long)m.Repeats);
        var dataset = Add("dataset", LineageNodeKind.Dataset, "Hana character LoRA dataset v1",
            LineageWeights.ForDataset(members.Select(m => (new LineageNodeId(m.Asset.Id), 1, m.Repeats))),
            new
            {
                recipe = "top-level character, key-animation, storyboard and reference assets of studio-kumo; repeats by layer kind",
                purpose = Purposes.Name(Purpose.GenerativeTraining),
                decidedAt = now,
                consentPolicyVersion = ConsentPolicy.Version,
                members = members.Select(m => new { asset = m.Asset.Id, name = m.Asset.Name, samples = 1, repeats = m.Repeats }),
                excluded,
                conditions,
            });
        var checkpoint = Add("base-checkpoint", LineageNodeKind.Model, "open base checkpoint (external)", [],
            new { origin = "external", note = "stands for an openly licensed base checkpoint; the demo records it and downloads nothing" });
        var run = Add("training-run", LineageNodeKind.TrainingRun, "Hana character LoRA training run",
            LineageWeights.ForTrainingRun([(dataset, samples, Epochs)], checkpoint, initialShare: 0),
            new { method = "lora", rank = 16, epochs = Epochs, samples });
        var lora = Add("lora", LineageNodeKind.Model, "Hana character LoRA", LineageWeights.ForTrainedModel(run), new { type = "lora" });
        var keyVisual = Add("generation-key-visual", LineageNodeKind.Generation, "Hana at the festival, key visual (base checkpoint + LoRA 0.8)",
            LineageWeights.ForGeneration(checkpoint, [(lora, 0.8)]), new { loraStrength = 0.8 });
        var inBetween = Add("generation-cut", LineageNodeKind.Generation,
            reference is null ? "sc01 c002 frames (base checkpoint + LoRA 0.6)" : "sc01 c002 frames (base checkpoint + LoRA 0.6, storyboard as reference)",
            LineageWeights.ForGeneration(checkpoint, [(lora, 0.6)], reference is { } r ? [r] : null), new { loraStrength = 0.6 });
        var edit = Add("edit", LineageNodeKind.Edit, $"{animator.Name} corrects the key visual's line work",
            LineageWeights.ForEdit(new LineageNodeId(animator.Id), [keyVisual]), new { editorShare = LineageWeights.DefaultEditorShare });
        var render = Add("render", LineageNodeKind.Render, "render of cut sc01 c002 (72 frames at 24 fps)",
            LineageWeights.ForRender([(edit, 48L), (inBetween, 24L)]), new { fps = 24, editFrames = 48, generationFrames = 24 });
        Add("product", LineageNodeKind.Product, "Hanabi teaser (demo release)", LineageWeights.ForProduct([(render, 3.0)]), new { seconds = 3.0 });

        var outcome = await store.RecordAsync(batch, cancellationToken);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"the demo pipeline could not be recorded: {string.Join("; ", outcome.Problems)}");
        }

        return new DemoLineageRecord(true, steps, members.Count, excluded);
    }

    /// <summary>The pipeline as an earlier run recorded it, or null when none did.</summary>
    public async Task<DemoLineageRecord?> FindAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var rows = await db.LineageNodes.AsNoTracking()
            .Where(n => n.Reference != null && n.Reference.StartsWith(ReferencePrefix))
            .OrderBy(n => n.Seq).ToListAsync(cancellationToken);
        if (!rows.Any(r => r.Reference == Marker))
        {
            return null;
        }

        var steps = rows.Select(r => new DemoLineageStep(r.Reference![ReferencePrefix.Length..], new LineageNodeId(r.Id),
            LineageNodeKinds.TryParse(r.Kind, out var kind) ? kind : throw new InvalidDataException($"unknown kind {r.Kind}"), r.Label)).ToList();
        var datasetRow = rows.Single(r => r.Reference == ReferencePrefix + "dataset");
        using var attributes = JsonDocument.Parse(datasetRow.Attributes ?? "{}");
        var root = attributes.RootElement;
        var members = root.TryGetProperty("members", out var m) ? m.GetArrayLength() : 0;
        var excluded = root.TryGetProperty("excluded", out var e) ? e.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
        return new DemoLineageRecord(false, steps, members, excluded);
    }

    // The storyboard the cut's frames follow, if it may be used as a reference now.
    private static async Task<LineageNodeId?> ReferenceAsync(TaktDbContext db, Persistence.Tenancy.TenantRow tenant, TenantScope scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var asset = await (from a in db.Assets.AsNoTracking()
                           join w in db.Works on a.WorkId equals w.Id
                           where a.TenantId == tenant.Id && w.Key == ReferenceWork && a.ContainerId == null
                           orderby a.OriginalPath
                           select a).FirstOrDefaultAsync(cancellationToken);
        if (asset is null)
        {
            return null;
        }

        var decision = ConsentPolicy.Decide(await SubjectAsync(db, asset, tenant, cancellationToken), Purpose.ReferenceUse, scope, now);
        return decision.IsAllowed ? new LineageNodeId(asset.Id) : null;
    }

    private static async Task<ConsentSubject> SubjectAsync(TaktDbContext db, AssetRow asset, Persistence.Tenancy.TenantRow tenant, CancellationToken cancellationToken)
    {
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == asset.WorkId, cancellationToken);
        var grants = await db.ConsentGrants.AsNoTracking().Where(g => g.WorkId == work.Id).OrderBy(g => g.RecordedAt).ToListAsync(cancellationToken);
        var revocations = await db.Revocations.AsNoTracking().Where(r => r.WorkId == work.Id).OrderBy(r => r.RecordedAt).ToListAsync(cancellationToken);
        return RightsMapping.Subject(asset, work, tenant, grants, revocations);
    }
}
