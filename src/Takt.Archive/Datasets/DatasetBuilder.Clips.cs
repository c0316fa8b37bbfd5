using System.Globalization;
using System.Text.RegularExpressions;
using Takt.Domain.Consent;
using Takt.Domain.Datasets;

namespace Takt.Archive.Datasets;

public sealed partial class DatasetBuilder
{
    /// <summary>
    /// Video clips are cut from numbered frame sequences (name0001.png, name0002.png … in one cut or
    /// layered file, one layer kind): runs of consecutive, allowed frames are cut into clips of
    /// exactly <see cref="TargetSpec.ClipFrames"/> frames (musubi-tuner's "chunk" extraction). Every
    /// frame left out says why: its consent, a gap, or too few frames for a clip.
    /// </summary>
    private static List<PlannedSample> PlanClips(
        DatasetRecipe recipe, IReadOnlyList<DatasetCandidate> candidates, DatasetCaptions captions, IReadOnlyDictionary<string, string> tools, List<ManifestExclusion> exclusions)
    {
        var target = recipe.Target;
        var buckets = AspectBuckets.For(target);
        var samples = new List<PlannedSample>();
        var sequences = new Dictionary<(Guid Group, string Kind, string Prefix), List<(long Number, DatasetCandidate Frame)>>();
        foreach (var candidate in candidates)
        {
            var asset = candidate.Asset;
            var match = FrameNumber().Match(Path.GetFileNameWithoutExtension(asset.Name));
            if (!match.Success || !long.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                exclusions.Add(Excluded(candidate, "not-a-sequence", "video clips are cut from numbered frame sequences (name0001.png, name0002.png …); this image has no frame number"));
                continue;
            }

            var key = (asset.ContainerId ?? asset.CutId ?? asset.ProjectId, asset.LayerKind, match.Groups[1].Value);
            if (!sequences.TryGetValue(key, out var frames))
            {
                sequences[key] = frames = [];
            }

            frames.Add((number, candidate));
        }

        foreach (var ((_, _, prefix), frames) in sequences.OrderBy(s => s.Value.Min(f => f.Frame.Asset.OriginalPath), StringComparer.Ordinal))
        {
            frames.Sort((a, b) => a.Number.CompareTo(b.Number));
            var run = new List<(long Number, DatasetCandidate Frame)>();
            foreach (var frame in frames)
            {
                if (!frame.Frame.Decision.IsAllowed || frame.Frame.Asset.Width is not > 0 || frame.Frame.Asset.Height is not > 0)
                {
                    CutRun(run);
                    exclusions.Add(frame.Frame.Decision.IsAllowed
                        ? Excluded(frame.Frame, "unreadable", "the archive has no pixel size for it (it was not decodable when ingested)")
                        : new ManifestExclusion(frame.Frame.Asset.Id, frame.Frame.Asset.OriginalPath, frame.Frame.Asset.Sha256, frame.Frame.DenialReasons));
                    continue;
                }

                if (run.Count > 0 && frame.Number != run[^1].Number + 1)
                {
                    CutRun(run);
                }

                run.Add(frame);
            }

            CutRun(run);

            void CutRun(List<(long Number, DatasetCandidate Frame)> frames)
            {
                var clips = frames.Count / target.ClipFrames;
                for (var c = 0; c < clips; c++)
                {
                    var clip = frames.Skip(c * target.ClipFrames).Take(target.ClipFrames).Select(f => f.Frame).ToList();
                    samples.Add(Clip(recipe, prefix, frames[c * target.ClipFrames].Number, clip, buckets, captions, tools));
                }

                var reason = clips == 0
                    ? $"its run of {frames.Count} consecutive usable frames is shorter than a clip ({target.ClipFrames} frames)"
                    : $"the last {frames.Count % target.ClipFrames} frames of a run of {frames.Count} do not fill a clip of {target.ClipFrames}";
                foreach (var (_, left) in frames.Skip(clips * target.ClipFrames))
                {
                    exclusions.Add(Excluded(left, clips == 0 ? "sequence-too-short" : "leftover-frames", reason));
                }

                frames.Clear();
            }
        }

        return samples;
    }

    private static PlannedSample Clip(
        DatasetRecipe recipe, string prefix, long first, List<DatasetCandidate> frames, AspectBuckets buckets, DatasetCaptions captions, IReadOnlyDictionary<string, string> tools)
    {
        var target = recipe.Target;
        var head = frames[0].Asset;
        var bucket = buckets.Select(new PixelSize(head.Width!.Value, head.Height!.Value));
        var outputs = frames
            .Select(f => Output(f.Asset, ImageTransform.For(target, CropPlan.Cover(new PixelSize(f.Asset.Width!.Value, f.Asset.Height!.Value), bucket), ImageRole.Image), tools))
            .ToList();
        var transform = $"{{\"clip\":{{\"frames\":[{string.Join(',', outputs.Select(o => $"\"{o.Key}\""))}],\"fps\":{target.Fps}}}}}";
        var key = DerivationKey.Compute(SequenceHash(frames), transform, tools, ConsentPolicy.Version);
        var clip = new PlannedOutput(head, null, key) { Frames = outputs, Fps = target.Fps };
        var stem = DatasetStems.For($"{(prefix.Length == 0 ? "clip" : prefix)}-{first}", head.Id);
        return new PlannedSample(stem, frames[0], captions.For(frames[0], target.Captions), bucket, clip) { Frames = frames };
    }

    [GeneratedRegex(@"^(.*?)(\d{1,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex FrameNumber();
}
