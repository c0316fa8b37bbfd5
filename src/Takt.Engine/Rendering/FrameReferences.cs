using System.Text.Json;
using Takt.Domain.Timeline;
using Takt.Domain.Timeline.Rendering;

namespace Takt.Engine.Rendering;

/// <summary>
/// Turns a generation input that names another clip's frame (<see cref="FrameReference"/>, bound
/// to a <c>takt.frame</c> node's <c>frame</c>) into that picture's hash and lineage, so the
/// generation derives from it: each extension from the segment before, each in-between from the
/// frames it bridges.
/// </summary>
internal static class FrameReferences
{
    public static IEnumerable<PlannedClip> Needs(CutPlan plan, PlannedClip clip) =>
        clip.Inputs
            .Select(i => i.Constant is TextValue text && FrameReference.TryParse(text.Value, out var reference) ? reference : null)
            .OfType<FrameReference>()
            .Select(r => Find(plan, clip, r));

    public static IReadOnlyList<string> Resolve(CutPlan plan, PlannedClip clip, IReadOnlyList<string> overrides, IReadOnlyDictionary<PlannedClip, ClipFrames> resolved)
    {
        var result = new List<string>(overrides.Count + 1);
        foreach (var assignment in overrides)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            var json = assignment[(equals + 1)..];
            if (!json.StartsWith('"') || !FrameReference.TryParse(JsonSerializer.Deserialize<string>(json), out var reference))
            {
                result.Add(assignment);
                continue;
            }

            var target = Find(plan, clip, reference);
            if (!resolved.TryGetValue(target, out var frames))
            {
                throw new RenderException($"clip '{clip.Clip.Name}' takes a frame of clip '{target.Clip.Name}', whose pictures are not made yet");
            }

            var cutFrame = reference.Last ? Math.Min(target.Clip.End, plan.Frames) - 1 : target.Clip.Start;
            var picture = frames.At(target.SourceFrame(cutFrame), cutFrame);
            if (picture.Lineage is not { } lineage)
            {
                throw new RenderException($"clip '{clip.Clip.Name}' takes a frame of clip '{target.Clip.Name}', which has no recorded origin");
            }

            var node = assignment[..assignment.IndexOf('.', StringComparison.Ordinal)];
            result.Add($"{node}.frame={JsonSerializer.Serialize(picture.Blob)}");
            result.Add($"{node}.source={JsonSerializer.Serialize(lineage.ToString("D"))}");
        }

        return result;
    }

    private static PlannedClip Find(CutPlan plan, PlannedClip clip, FrameReference reference) =>
        plan.Layers.FirstOrDefault(l => l.Clip.Id == reference.Clip)
        ?? throw new RenderException($"clip '{clip.Clip.Name}' takes a frame of clip {reference.Clip}, which is not on a picture track of cut '{plan.Cut.Name}'");
}
