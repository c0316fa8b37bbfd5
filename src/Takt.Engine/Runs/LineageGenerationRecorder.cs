using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Domain.Workflows;
using Takt.Engine.Models;
using Takt.Provenance.Export;
using Takt.Provenance.Lineage;

namespace Takt.Engine.Runs;

/// <summary>
/// Records node runs in the lineage graph: Generation ← the models it ran (checkpoint 1, LoRAs by
/// strength) and ← its material inputs (the fixed reference share, or everything when no model
/// ran). Models named by hash are found among registered models, the tenant's first. A
/// generative node whose model is not registered (a hosted API, a ComfyUI checkpoint Takt has
/// never seen) and a node with no inputs at all derive from the tool itself: an external Model
/// root per tenant and backend, so attribution names it as an outside source instead of
/// pretending the output came from nothing.
/// </summary>
public sealed class LineageGenerationRecorder(LineageStore lineage, ModelRegistry registry) : IGenerationRecorder
{
    public async Task RecordAsync(IReadOnlyList<GenerationDraft> drafts, CancellationToken cancellationToken)
    {
        if (drafts.Count == 0)
        {
            return;
        }

        // Runs recorded at the same time (in this process or on another silo) may both add a
        // tool's node, or a resumed node may be recorded by its old driver a moment earlier: on a
        // refusal, catch up with the graph and record only what is still missing.
        for (var attempt = 1; ; attempt++)
        {
            var index = await lineage.IndexAsync(cancellationToken);
            var batch = new List<LineageNodeDraft>(drafts.Count);
            var tools = new Dictionary<LineageNodeId, LineageNodeDraft>();
            foreach (var draft in drafts.Where(d => !index.TryFind(new LineageNodeId(d.Id), out _)).DistinctBy(d => d.Id))
            {
                batch.Add(new LineageNodeDraft(
                    new LineageNodeId(draft.Id),
                    LineageNodeKind.Generation,
                    new TenantId(draft.Tenant),
                    draft.Label,
                    await ParentsAsync(draft, index, tools, cancellationToken),
                    Reference: $"run:{draft.Label}",
                    Attributes: draft.Attributes));
            }

            batch.InsertRange(0, tools.Values);
            if (batch.Count == 0)
            {
                return;
            }

            var outcome = await lineage.RecordAsync(batch, cancellationToken);
            if (outcome.Succeeded)
            {
                return;
            }

            var caughtUp = await lineage.IndexAsync(cancellationToken);
            if (attempt >= 5 || !batch.Any(n => caughtUp.TryFind(n.Id, out _)))
            {
                throw new InvalidOperationException($"the run's lineage could not be recorded: {string.Join("; ", outcome.Problems.Take(5))}");
            }
        }
    }

    private async Task<IReadOnlyList<ParentLink>> ParentsAsync(GenerationDraft draft, LineageIndex index, Dictionary<LineageNodeId, LineageNodeDraft> tools, CancellationToken cancellationToken)
    {
        var models = draft.Inputs.Where(i => i.Type == PortType.Model).Select(i => (Node: new LineageNodeId(i.Node), Strength: 1.0, Lora: false)).ToList();
        foreach (var use in draft.Models)
        {
            var tenant = new TenantId(draft.Tenant);
            if (use.Sha256 is { } hash && (await registry.FindAsync(hash, tenant, cancellationToken) ?? await registry.FindAsync(hash, null, cancellationToken)) is { } node)
            {
                models.Add((node, use.Strength, string.Equals(use.Role, "lora", StringComparison.Ordinal)));
            }
        }

        models = [.. models.DistinctBy(m => m.Node)];
        var material = draft.Inputs.Where(i => i.Type != PortType.Model).Select(i => new LineageNodeId(i.Node)).Distinct().ToList();
        if (!models.Any(m => !m.Lora) && (draft.Generative || material.Count == 0))
        {
            models.Insert(0, (Tool(draft, index, tools), 1.0, false));
        }

        var baseModel = models.FirstOrDefault(m => !m.Lora);
        if (baseModel != default)
        {
            return LineageWeights.ForGeneration(baseModel.Node, models.Where(m => m.Node != baseModel.Node).Select(m => (m.Node, m.Strength)), inputs: material);
        }

        return [.. material.Select(m => new ParentLink(m, 1.0 / material.Count, EdgeRole.Input))];
    }

    /// <summary>The tool's external Model root for this tenant, added to the batch when the graph lacks it.</summary>
    private static LineageNodeId Tool(GenerationDraft draft, LineageIndex index, Dictionary<LineageNodeId, LineageNodeDraft> tools)
    {
        var id = new LineageNodeId(NameBasedUuid.Create(ToolNamespace, $"{draft.Tenant:D}/{draft.Tool}"));
        if (!index.TryFind(id, out _) && !tools.ContainsKey(id))
        {
            tools[id] = new LineageNodeDraft(id, LineageNodeKind.Model, new TenantId(draft.Tenant), draft.Tool, [], Reference: "tool:" + draft.Tool, Attributes: "{\"origin\":\"external-tool\"}");
        }

        return id;
    }

    private static readonly Guid ToolNamespace = new("0d8f3b52-6a1e-4c77-b0a9-5e2d41c6f893");
}
