using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Blobs;
using Takt.Domain.Timeline;
using Takt.Domain.Timeline.Rendering;
using Takt.Domain.Workflows;
using Takt.Engine.Backends.BuiltIn;
using Takt.Engine.Runs;
using Takt.Persistence;

namespace Takt.Engine.Rendering;

/// <summary>
/// Brings every clip's pictures in through the engine, so the archive's consent rules, the result
/// cache and lineage apply to a render exactly as to any run: all archive assets of a cut load in
/// one run (videos are split into frames), and each generation clip runs its workflow once per
/// distinct set of inputs (frames whose curves agree share one generation; unchanged ones come
/// from the cache, so a re-render generates nothing new).
/// </summary>
internal sealed class RenderSources(WorkflowEngine engine, TaktContextFactory contexts, IBlobStore blobs, Action<RenderProgress> progress)
{
    public List<Guid> Runs { get; } = [];

    public async Task<(Dictionary<PlannedClip, ClipFrames> Pictures, Dictionary<PlannedClip, SourceFrame> Sounds)> ResolveAsync(
        CutPlan plan, RenderRequest request, CancellationToken cancellationToken)
    {
        var pictures = new Dictionary<PlannedClip, ClipFrames>();
        var sounds = new Dictionary<PlannedClip, SourceFrame>();
        await LoadAssetsAsync(plan, request, pictures, sounds, cancellationToken);
        foreach (var clip in plan.Layers.Where(c => c.Clip.Source is RenderedSequenceSource))
        {
            pictures[clip] = await SequenceAsync(clip, (RenderedSequenceSource)clip.Clip.Source, cancellationToken);
        }

        // A generation that takes another clip's frame (an extension, a fill) runs after that clip.
        foreach (var clip in GenerationOrder(plan))
        {
            pictures[clip] = await GenerateAsync(plan, clip, request, pictures, cancellationToken);
        }

        return (pictures, sounds);
    }

    private async Task LoadAssetsAsync(CutPlan plan, RenderRequest request, Dictionary<PlannedClip, ClipFrames> pictures, Dictionary<PlannedClip, SourceFrame> sounds, CancellationToken cancellationToken)
    {
        var clips = plan.Layers.Concat(plan.Audio).Where(c => c.Clip.Source is ArchiveAssetSource).ToList();
        if (clips.Count == 0)
        {
            return;
        }

        var ids = clips.Select(c => ((ArchiveAssetSource)c.Clip.Source).Asset.Value).Distinct().ToList();
        await using var db = contexts.Create();
        var assets = await db.Assets.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Name, a.MediaType, a.Sha256 }).ToDictionaryAsync(a => a.Id, cancellationToken);

        // One node (two for a video) per distinct asset; clips showing the same asset share it.
        var nodes = new Dictionary<string, object>(StringComparer.Ordinal);
        var outputs = new Dictionary<Guid, (string Node, string Port)>();
        foreach (var clip in clips)
        {
            var source = (ArchiveAssetSource)clip.Clip.Source;
            var where = $"clip '{clip.Clip.Name}' on track '{clip.Track.Name}'";
            if (!assets.TryGetValue(source.Asset.Value, out var asset))
            {
                throw new RenderException($"{where} shows asset {source.Asset.Value}, which is not in the archive");
            }

            if (!string.Equals(asset.Sha256, source.ContentHash, StringComparison.OrdinalIgnoreCase))
            {
                throw new RenderException($"{where}: asset {asset.Name} ({asset.Id}) holds other bytes than were placed (placed sha256 {source.ContentHash}, now {asset.Sha256}); place it again");
            }

            var audio = clip.Layer < 0;
            var kind = asset.MediaType.Split('/')[0];
            if (audio != (kind == "audio") || kind is not ("image" or "video" or "audio"))
            {
                throw new RenderException(audio
                    ? $"{where} is on an audio track but shows {asset.Name} ({asset.MediaType})"
                    : $"{where} shows {asset.Name} ({asset.MediaType}); picture tracks show images and videos");
            }

            if (outputs.ContainsKey(asset.Id))
            {
                continue;
            }

            var id = $"s{outputs.Count}";
            var parameters = new { asset = asset.Id.ToString("D") };
            switch (kind)
            {
                case "image":
                    nodes[id] = new { type = BuiltInNodeTypes.LoadAsset.Name, @params = parameters };
                    outputs[asset.Id] = (id, "image");
                    break;
                case "video":
                    nodes[id] = new { type = BuiltInNodeTypes.LoadVideo.Name, @params = parameters };
                    nodes[id + "f"] = new { type = BuiltInNodeTypes.VideoToFrames.Name, inputs = new { video = $"{id}.video" } };
                    outputs[asset.Id] = (id + "f", "frames");
                    break;
                default:
                    nodes[id] = new { type = BuiltInNodeTypes.LoadAudio.Name, @params = parameters };
                    outputs[asset.Id] = (id, "audio");
                    break;
            }
        }

        var json = JsonSerializer.Serialize(new { name = $"render sources of cut {plan.Cut.Name}", nodes });
        progress(new RenderProgress("sources", 0, outputs.Count, $"loading {outputs.Count} archive asset(s) of cut {plan.Cut.Name}"));
        var detail = await RunAsync(WorkflowJson.Parse(json), request.Tenant, $"loading the assets of cut '{plan.Cut.Name}'", cancellationToken);
        foreach (var clip in clips)
        {
            var (node, port) = outputs[((ArchiveAssetSource)clip.Clip.Source).Asset.Value];
            var (value, lineage) = Output(detail, node, port);
            if (clip.Layer < 0)
            {
                sounds[clip] = new SourceFrame(value.BlobHash!, lineage);
            }
            else if (value.Type == PortType.ImageSequence)
            {
                pictures[clip] = ClipFrames.Sequence(Frames(value), lineage);
            }
            else
            {
                pictures[clip] = ClipFrames.Still(new SourceFrame(value.BlobHash!, lineage));
            }
        }
    }

    private async Task<ClipFrames> SequenceAsync(PlannedClip clip, RenderedSequenceSource source, CancellationToken cancellationToken)
    {
        if (!BlobHash.TryParse(source.ManifestHash, out var hash) || !await blobs.ExistsAsync(hash, cancellationToken))
        {
            throw new RenderException($"clip '{clip.Clip.Name}' shows rendered sequence {source.ManifestHash}, which is not in the blob store");
        }

        await using var stream = await blobs.OpenReadAsync(hash, cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var value = new PortValue(PortType.ImageSequence, source.ManifestHash, Inline: document.RootElement.Clone());
        await using var db = contexts.Create();
        var lineage = await db.LineageNodes.AsNoTracking().Where(n => n.Reference == "sha256:" + source.ManifestHash)
            .Select(n => (Guid?)n.Id).FirstOrDefaultAsync(cancellationToken);
        return ClipFrames.Sequence(Frames(value), lineage);
    }

    private async Task<ClipFrames> GenerateAsync(CutPlan plan, PlannedClip clip, RenderRequest request, Dictionary<PlannedClip, ClipFrames> resolved, CancellationToken cancellationToken)
    {
        var source = (GenerationSource)clip.Clip.Source;
        var workflow = GenerationWorkflows.Load(request.Workflows, source.Workflow, clip);
        var output = GenerationWorkflows.OutputOf(engine.Executor.Plan(workflow), clip);
        var last = Math.Min(clip.Clip.End, plan.Frames);
        var byInputs = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var inputs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var frame = clip.Clip.Start; frame < last; frame++)
        {
            var overrides = FrameReferences.Resolve(plan, clip, clip.OverridesAt(frame), resolved);
            var key = string.Join('\n', overrides);
            if (!byInputs.TryGetValue(key, out var frames))
            {
                byInputs[key] = frames = [];
                inputs[key] = overrides;
            }

            frames.Add(frame);
        }

        var pictures = new Dictionary<long, SourceFrame>();
        var done = 0;
        foreach (var (key, frames) in byInputs)
        {
            progress(new RenderProgress("generate", done, byInputs.Count, $"clip {clip.Clip.Name}: generation {done + 1} of {byInputs.Count}"));
            var run = WorkflowOverrides.Apply(workflow, inputs[key]);
            var detail = await RunAsync(run, request.Tenant, $"generating clip '{clip.Clip.Name}' ({source.Workflow})", cancellationToken);
            var (value, lineage) = Output(detail, output.Node, output.Port);
            IReadOnlyList<string> made = value.Type == PortType.ImageSequence ? Frames(value) : [value.BlobHash!];
            foreach (var frame in frames)
            {
                var index = made.Count == 1 ? 0 : clip.SourceFrame(frame);
                if (index >= made.Count)
                {
                    throw new RenderException($"clip '{clip.Clip.Name}': {source.Workflow} made {made.Count} frame(s); the clip shows frame {index} of it (shorten the clip or lower its sourceIn)");
                }

                pictures[frame] = new SourceFrame(made[(int)index], lineage);
            }

            done++;
        }

        return ClipFrames.PerCutFrame(pictures);
    }

    private static List<PlannedClip> GenerationOrder(CutPlan plan)
    {
        var generations = plan.Layers.Where(c => c.Clip.Source is GenerationSource).ToList();
        var ordered = new List<PlannedClip>();
        var state = new Dictionary<PlannedClip, bool>();
        void Visit(PlannedClip clip, List<string> path)
        {
            if (state.TryGetValue(clip, out var finished))
            {
                if (!finished)
                {
                    throw new RenderException($"clips take each other's frames in a circle: {string.Join(" → ", path.Append(clip.Clip.Name))}");
                }

                return;
            }

            state[clip] = false;
            foreach (var needed in FrameReferences.Needs(plan, clip).Where(n => n.Clip.Source is GenerationSource))
            {
                Visit(needed, [.. path, clip.Clip.Name]);
            }

            state[clip] = true;
            ordered.Add(clip);
        }

        foreach (var clip in generations)
        {
            Visit(clip, []);
        }

        return ordered;
    }

    private async Task<RunDetail> RunAsync(Workflow workflow, Guid tenant, string what, CancellationToken cancellationToken)
    {
        WorkflowPlan plan;
        try
        {
            plan = engine.Executor.Plan(workflow);
        }
        catch (WorkflowException e)
        {
            throw new RenderException($"{what}: the workflow is not valid: {e.Message}", e);
        }

        var run = await engine.Store.SubmitAsync(tenant, plan, cancellationToken);
        Runs.Add(run);
        var status = await engine.Executor.DriveAsync(run, cancellationToken);
        var detail = await engine.Store.ShowAsync(run, cancellationToken) ?? throw new RenderException($"{what}: run {run} vanished");
        if (status != RunStatus.Succeeded)
        {
            var failed = detail.Nodes.Where(n => n.Error is not null).Select(n => $"{n.NodeId}: {n.Error}");
            throw new RenderException($"{what}: run {run} {RunStatuses.Name(status)}: {string.Join("; ", failed.DefaultIfEmpty(detail.Run.Error ?? "no reason given"))}");
        }

        return detail;
    }

    private static (PortValue Value, Guid? Lineage) Output(RunDetail detail, string node, string port)
    {
        var checkpoint = detail.Nodes.FirstOrDefault(n => n.NodeId == node);
        if (checkpoint?.Outputs is null || !checkpoint.Outputs.TryGetValue(port, out var value))
        {
            throw new RenderException($"run {detail.Run.Id}: node {node} gave no '{port}' output");
        }

        return (value, checkpoint.LineageNode ?? value.Lineage);
    }

    private static IReadOnlyList<string> Frames(PortValue value)
    {
        if (!ImageSequence.TryRead(value, out var sequence, out var problem) || sequence!.Frames.Count == 0)
        {
            throw new RenderException($"an image sequence could not be read: {problem ?? "it has no frames"}");
        }

        return sequence.Frames;
    }
}
