using System.Diagnostics.CodeAnalysis;
using Takt.Domain.Curves;

namespace Takt.Domain.Timeline.Rendering;

/// <summary>
/// What rendering a cut means, worked out from the document alone: its picture layers (enabled
/// video and generation tracks, bottom to top in track order), its sound, and the camera, each
/// animated value built once so that a frame is only curve reads. Layers animate
/// <see cref="LayerParameters"/> through curves on the clip (counted from the clip's start) or on
/// its track (counted from the cut's start); the camera through curves on the cut's camera track.
/// </summary>
public sealed class CutPlan
{
    private CutPlan(CutEntity cut, IReadOnlyList<PlannedClip> layers, IReadOnlyList<PlannedClip> audio, CameraPlan camera, IReadOnlyList<string> warnings)
    {
        Cut = cut;
        Layers = layers;
        Audio = audio;
        Camera = camera;
        Warnings = warnings;
    }

    public CutEntity Cut { get; }

    /// <summary>Picture clips, bottom layer first, each track's clips in time order.</summary>
    public IReadOnlyList<PlannedClip> Layers { get; }

    public IReadOnlyList<PlannedClip> Audio { get; }

    public CameraPlan Camera { get; }

    /// <summary>Things ignored on the way (a curve that drives nothing, a clip past the cut's end).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public long Frames => Cut.DurationFrames;

    /// <summary>The layers showing at a frame, bottom to top.</summary>
    public IReadOnlyList<LayerFrame> LayersAt(long frame)
    {
        var result = new List<LayerFrame>();
        foreach (var clip in Layers)
        {
            if (clip.Covers(frame))
            {
                var layer = clip.At(frame);
                if (layer.Opacity > 0)
                {
                    result.Add(layer);
                }
            }
        }

        return result;
    }

    public static bool TryBuild(TimelineDocument document, TimelineEntityId cutId, [NotNullWhen(true)] out CutPlan? plan, out IReadOnlyList<string> problems)
    {
        plan = null;
        var found = new List<string>();
        problems = found;
        if (document.Find<CutEntity>(cutId) is not { } cut)
        {
            found.Add($"there is no cut {cutId}");
            return false;
        }

        if (cut.DurationFrames < 1)
        {
            found.Add($"cut '{cut.Name}' lasts 0 frames; set its durationFrames");
            return false;
        }

        var warnings = new List<string>();
        var tracks = document.Children(cutId).OfType<TrackEntity>().Where(t => t.Enabled).ToList();
        var layers = new List<PlannedClip>();
        var audio = new List<PlannedClip>();
        var layer = 0;
        foreach (var track in tracks.Where(t => t.TrackKind is TrackKind.Video or TrackKind.Generation))
        {
            var trackCurves = Curves(document, track.Id, $"track '{track.Name}'", found);
            foreach (var clip in document.ClipsOf(track.Id))
            {
                if (Plan(document, cut, track, layer, clip, trackCurves, found, warnings) is { } planned)
                {
                    layers.Add(planned);
                }
            }

            layer++;
        }

        foreach (var track in tracks.Where(t => t.TrackKind == TrackKind.Audio))
        {
            foreach (var clip in document.ClipsOf(track.Id))
            {
                if (clip.Source is not ArchiveAssetSource)
                {
                    found.Add($"audio clip '{clip.Name}' on track '{track.Name}' must show an archive asset (a sound file)");
                }
                else if (clip.Start < cut.DurationFrames)
                {
                    audio.Add(Plan(document, cut, track, -1, clip, [], found, warnings)!);
                }
            }
        }

        var camera = CameraPlan.Build(document, cut, tracks.FirstOrDefault(t => t.TrackKind == TrackKind.Camera), found, warnings);
        if (found.Count > 0)
        {
            return false;
        }

        plan = new CutPlan(cut, layers, audio, camera, warnings);
        return true;
    }

    private static PlannedClip? Plan(TimelineDocument document, CutEntity cut, TrackEntity track, int layer, ClipEntity clip, Dictionary<string, (CurveEntity Entity, Curve? Curve)> trackCurves, List<string> problems, List<string> warnings)
    {
        var where = $"clip '{clip.Name}' on track '{track.Name}'";
        if (clip.Start >= cut.DurationFrames)
        {
            warnings.Add($"{where} starts at frame {clip.Start}, after the cut's {cut.DurationFrames} frames; not rendered");
            return null;
        }

        if (clip.Source is RenderedSequenceSource sequence && clip.SourceIn + clip.Duration > sequence.FrameCount)
        {
            problems.Add($"{where} shows frames {clip.SourceIn}–{clip.SourceIn + clip.Duration - 1} of a {sequence.FrameCount}-frame sequence");
        }

        var own = Curves(document, clip.Id, where, problems);
        var bound = clip.Bindings.Values.OfType<CurveBinding>().Select(b => b.Curve).ToHashSet();
        foreach (var (parameter, (entity, _)) in own)
        {
            if (!LayerParameters.All.Contains(parameter) && !bound.Contains(entity.Id))
            {
                warnings.Add($"{where}: the curve '{parameter}' drives nothing (layers animate {string.Join(", ", LayerParameters.All)}; bind it to a workflow input with a binding)");
            }
        }

        AnimatedNumber Number(string parameter, double rest)
        {
            if (own.TryGetValue(parameter, out var c) && c.Curve is not null)
            {
                return new AnimatedNumber(rest, c.Curve, clip.Start);
            }

            return trackCurves.TryGetValue(parameter, out var t) && t.Curve is not null ? new AnimatedNumber(rest, t.Curve) : new AnimatedNumber(rest);
        }

        var blend = own.TryGetValue(LayerParameters.Blend, out var b) ? Text(document, b.Entity, clip.Start)
            : trackCurves.TryGetValue(LayerParameters.Blend, out var tb) ? Text(document, tb.Entity, 0)
            : new AnimatedText("normal", []);
        foreach (var (_, value) in blend.Keys.Prepend((0, blend.Rest)))
        {
            if (!LayerParameters.BlendModes.Contains(value))
            {
                problems.Add($"{where}: blend '{value}' is not one of {string.Join(", ", LayerParameters.BlendModes)}");
            }
        }

        return new PlannedClip(
            layer, track, clip,
            Number(LayerParameters.X, cut.Width / 2.0),
            Number(LayerParameters.Y, cut.Height / 2.0),
            Number(LayerParameters.Scale, 1),
            Number(LayerParameters.Rotation, 0),
            Number(LayerParameters.Opacity, 1),
            Number(LayerParameters.Depth, 1),
            blend,
            Inputs(document, clip, where, problems));
    }

    private static List<PlannedInput> Inputs(TimelineDocument document, ClipEntity clip, string where, List<string> problems)
    {
        var inputs = new List<PlannedInput>();
        foreach (var (input, binding) in clip.Bindings)
        {
            var normalised = input.Replace('/', '.');
            var dot = normalised.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == normalised.Length - 1)
            {
                problems.Add($"{where}: the binding '{input}' must name a node and its parameter, e.g. sampler.cfg");
                continue;
            }

            var (node, parameter) = (normalised[..dot], normalised[(dot + 1)..]);
            switch (binding)
            {
                case ConstantBinding constant:
                    inputs.Add(new PlannedInput(node, parameter, constant.Value, null, null, 0, false));
                    break;
                case CurveBinding curveBinding when document.Find<CurveEntity>(curveBinding.Curve) is { } entity:
                    var origin = document.Find(entity.ParentId ?? default) is ClipEntity owner ? owner.Start : 0;
                    if (entity.ValueKind is CurveValueKind.Number or CurveValueKind.Integer)
                    {
                        if (TimelineCurves.TryBuild(document, entity.Id, out var curve, out var why))
                        {
                            inputs.Add(new PlannedInput(node, parameter, null, curve, null, origin, entity.ValueKind == CurveValueKind.Integer));
                        }
                        else
                        {
                            problems.Add($"{where}: the curve bound to '{input}': {why}");
                        }
                    }
                    else
                    {
                        inputs.Add(new PlannedInput(node, parameter, null, null, Text(document, entity, origin), origin, false));
                    }

                    break;
                default:
                    problems.Add($"{where}: '{input}' is bound to a curve that no longer exists");
                    break;
            }
        }

        return inputs;
    }

    /// <summary>The entity's curves by parameter; numeric ones built (problems noted), text ones left to <see cref="Text"/>.</summary>
    internal static Dictionary<string, (CurveEntity Entity, Curve? Curve)> Curves(TimelineDocument document, TimelineEntityId target, string where, List<string> problems)
    {
        var curves = new Dictionary<string, (CurveEntity, Curve?)>(StringComparer.Ordinal);
        foreach (var entity in document.CurvesOf(target))
        {
            if (document.KeyframesOf(entity.Id).Count == 0 || curves.ContainsKey(entity.Parameter))
            {
                continue;
            }

            Curve? curve = null;
            if (entity.ValueKind is CurveValueKind.Number or CurveValueKind.Integer && !TimelineCurves.TryBuild(document, entity.Id, out curve, out var why))
            {
                problems.Add($"{where}, curve '{entity.Parameter}': {why}");
            }

            curves[entity.Parameter] = (entity, curve);
        }

        return curves;
    }

    private static AnimatedText Text(TimelineDocument document, CurveEntity entity, long origin)
    {
        var keys = document.KeyframesOf(entity.Id)
            .Select(k => (k.Frame, k.Value switch
            {
                TextValue t => t.Value,
                NumberValue n => n.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                IntegerValue i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => string.Empty,
            }))
            .ToList();
        return new AnimatedText(keys.Count > 0 ? keys[0].Item2 : string.Empty, keys, origin);
    }
}
