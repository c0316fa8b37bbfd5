using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Blobs;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Domain.Timeline;
using Takt.Domain.Timeline.Rendering;
using Takt.Engine.Runs;
using Takt.Media.Encoding;
using Takt.Persistence;
using Takt.Provenance.C2pa.Outputs;
using Takt.Provenance.Lineage;

namespace Takt.Engine.Rendering;

/// <summary>
/// <c>takt render</c>: a timeline's cuts to one video. Each cut's plan is worked out from the
/// document, its pictures brought in (and generated) through the engine, its frames settled to
/// content keys, then composited and encoded in cached segments, joined with its sound, recorded
/// in lineage (the render derives from what it shows, by frames on screen) and signed.
/// </summary>
public sealed class TimelineRenderer(
    WorkflowEngine engine,
    TaktContextFactory contexts,
    LocalBlobStore blobs,
    LineageStore lineage,
    OutputSigner? signer,
    string cacheFolder,
    TimeProvider time,
    string ffmpeg = "ffmpeg")
{
    public async Task<RenderOutcome> RenderAsync(RenderRequest request, Action<RenderProgress> progress, CancellationToken cancellationToken)
    {
        var plans = Plans(request);
        var first = plans[0].Cut;
        var scale = request.Preview ? 0.5 : 1;
        var options = Options(request, first, scale);
        if (options.Problem() is { } problem)
        {
            throw new RenderException($"cut '{first.Name}' cannot be encoded: {problem}");
        }

        var sources = new RenderSources(engine, contexts, blobs, progress);
        var segmentsFolder = Path.Combine(cacheFolder, "segments");
        Directory.CreateDirectory(segmentsFolder);
        var segments = new SegmentEncoder(segmentsFolder, options, new FrameLibrary(blobs), scale);
        var paths = new List<string>();
        var sounds = new List<PlacedSound>();
        var cutContent = new List<(CutPlan Plan, Dictionary<Guid, long> Shown)>();
        var warnings = plans.SelectMany(p => p.Warnings).ToList();
        var total = plans.Sum(p => p.Frames);
        long done = 0;
        long offset = 0;
        var fps = first.Rate.FramesPerSecond;
        foreach (var plan in plans)
        {
            var (pictures, heard) = await sources.ResolveAsync(plan, request, cancellationToken);
            var frames = CutFrames.Settle(plan, pictures, options.Width, options.Height, scale);
            cutContent.Add((plan, Shown(frames, heard)));
            if (frames.Any(f => f.Layers.Count == 0))
            {
                warnings.Add($"cut '{plan.Cut.Name}': {frames.Count(f => f.Layers.Count == 0)} frame(s) show nothing (black)");
            }

            paths.AddRange(await segments.EncodeAsync(frames, n =>
            {
                done += n;
                progress(new RenderProgress("frames", done, total, $"cut {plan.Cut.Name}"));
            }, cancellationToken));
            foreach (var (clip, sound) in heard)
            {
                var length = Math.Min(clip.Clip.End, plan.Frames) - clip.Clip.Start;
                sounds.Add(new PlacedSound(blobs.PathOf(BlobHash.Parse(sound.Blob)), (offset + clip.Clip.Start) / fps, clip.Clip.SourceIn / fps, length / fps));
            }

            offset += plan.Frames;
        }

        progress(new RenderProgress("mux", 0, 1, "joining segments"));
        var target = Path.GetFullPath(request.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileNameWithoutExtension(target)}.{Guid.CreateVersion7():N}{Path.GetExtension(target)}");
        try
        {
            await RenderMuxer.MuxAsync(paths, sounds, total / fps, temporary, ffmpeg, cancellationToken);
            var renderKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', paths.Select(Path.GetFileName).Concat(sounds.Select(s => $"{s.Path} {s.StartSeconds:R} {s.InSeconds:R} {s.Seconds:R}"))))));
            var node = await RecordAsync(request, cutContent, renderKey, options, cancellationToken);
            progress(new RenderProgress("sign", 0, 1, "signing"));
            var signed = signer is null ? null : await signer.SignFileAsync(temporary, target, MediaTypeOf(target), new OutputSubject(request.Title, node, request.Tenant, sources.Runs.LastOrDefault()), cancellationToken);
            if (signed is null)
            {
                File.Move(temporary, target, overwrite: true);
                if (MediaTypeOf(target) != "video/mp4")
                {
                    warnings.Add($"{Path.GetExtension(target)} files cannot carry a C2PA manifest; {target} is not signed");
                }
            }

            return new RenderOutcome(target, total, options.Width, options.Height, first.Rate.ToString(), segments.Reused, segments.Encoded, node, signed?.ManifestLabel, sources.Runs, warnings);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static List<CutPlan> Plans(RenderRequest request)
    {
        if (request.Cuts.Count == 0)
        {
            throw new RenderException("the timeline has no cut to render");
        }

        var plans = new List<CutPlan>();
        foreach (var cut in request.Cuts)
        {
            if (!CutPlan.TryBuild(request.Document, cut, out var plan, out var problems))
            {
                var name = request.Document.Find<CutEntity>(cut)?.Name ?? cut.ToString();
                throw new RenderException($"cut '{name}' cannot be rendered: {string.Join("; ", problems)}");
            }

            plans.Add(plan);
        }

        var first = plans[0].Cut;
        foreach (var other in plans.Skip(1).Select(p => p.Cut))
        {
            if (other.Width != first.Width || other.Height != first.Height || other.Rate != first.Rate)
            {
                throw new RenderException($"cut '{other.Name}' is {other.Width}x{other.Height} at {other.Rate} fps and cut '{first.Name}' {first.Width}x{first.Height} at {first.Rate}; one video has one size and rate, so render them separately");
            }
        }

        return plans;
    }

    private EncoderOptions Options(RenderRequest request, CutEntity cut, double scale)
    {
        if (cut.Rate.Numerator > int.MaxValue || cut.Rate.Denominator > int.MaxValue)
        {
            throw new RenderException($"cut '{cut.Name}': the frame rate {cut.Rate} is too fine for an encoder");
        }

        // 4:2:0 wants even sizes; a preview of an odd half is rounded down to even.
        static int Even(double size) => Math.Max(2, (int)Math.Floor(size / 2) * 2);
        var (width, height) = scale == 1 ? (cut.Width, cut.Height) : (Even(cut.Width * scale), Even(cut.Height * scale));
        var preset = request.Preset ?? (request.Preview ? "veryfast" : "medium");
        return new EncoderOptions(width, height, (int)cut.Rate.Numerator, (int)cut.Rate.Denominator, request.Codec, preset, request.Quality, Ffmpeg: ffmpeg);
    }

    /// <summary>Frames on screen per lineage node: a layer's picture counts once per frame it shows in; a sound for its length.</summary>
    private static Dictionary<Guid, long> Shown(IReadOnlyList<FrameSpec> frames, Dictionary<PlannedClip, SourceFrame> heard)
    {
        var shown = new Dictionary<Guid, long>();
        foreach (var (picture, _) in frames.SelectMany(f => f.Layers))
        {
            if (picture.Lineage is { } node)
            {
                shown[node] = shown.GetValueOrDefault(node) + 1;
            }
        }

        foreach (var (clip, sound) in heard)
        {
            if (sound.Lineage is { } node)
            {
                shown[node] = shown.GetValueOrDefault(node) + clip.Clip.Duration;
            }
        }

        return shown;
    }

    private async Task<Guid> RecordAsync(RenderRequest request, List<(CutPlan Plan, Dictionary<Guid, long> Shown)> cuts, string renderKey, EncoderOptions options, CancellationToken cancellationToken)
    {
        // The same frames rendered again are the same render: its node is reused, not recorded twice.
        var reference = $"render:{renderKey}";
        await using (var db = contexts.Create())
        {
            var existing = await db.LineageNodes.AsNoTracking().Where(n => n.Reference == reference).Select(n => (Guid?)n.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing is { } known)
            {
                return known;
            }
        }

        var tenant = new TenantId(request.Tenant);
        var batch = new List<LineageNodeDraft>();
        var cutNodes = new List<(LineageNodeId Node, long Frames)>();
        foreach (var (plan, shown) in cuts)
        {
            if (shown.Count == 0)
            {
                throw new RenderException($"cut '{plan.Cut.Name}' shows nothing with a recorded origin; a render must derive from something");
            }

            var parents = LineageWeights.ForRender(shown.Select(s => (new LineageNodeId(s.Key), s.Value)));
            var attributes = JsonSerializer.Serialize(new
            {
                cut = plan.Cut.Id.Value,
                frames = plan.Frames,
                rate = plan.Cut.Rate.ToString(),
                width = options.Width,
                height = options.Height,
                preview = request.Preview,
                renderedAt = time.GetUtcNow(),
            });
            var label = $"render of cut {plan.Cut.Name} ({plan.Frames} frames at {plan.Cut.Rate} fps{(request.Preview ? ", preview" : "")})";
            var id = new LineageNodeId(Guid.CreateVersion7());
            batch.Add(new LineageNodeDraft(id, LineageNodeKind.Render, tenant, label, parents, cuts.Count == 1 ? reference : null, attributes));
            cutNodes.Add((id, plan.Frames));
        }

        if (cuts.Count > 1)
        {
            var id = new LineageNodeId(Guid.CreateVersion7());
            batch.Add(new LineageNodeDraft(id, LineageNodeKind.Render, tenant, $"{request.Title} ({cuts.Count} cuts)", LineageWeights.ForRender(cutNodes), reference,
                JsonSerializer.Serialize(new { cuts = cuts.Select(c => c.Plan.Cut.Id.Value), frames = cutNodes.Sum(c => c.Frames) })));
        }

        var outcome = await lineage.RecordAsync(batch, cancellationToken);
        if (!outcome.Succeeded)
        {
            throw new RenderException($"the render could not be recorded in lineage: {string.Join("; ", outcome.Problems)}");
        }

        return batch[^1].Id.Value;
    }

    private static string MediaTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".mp4" => "video/mp4",
        ".mov" => "video/quicktime",
        _ => "application/octet-stream",
    };
}
