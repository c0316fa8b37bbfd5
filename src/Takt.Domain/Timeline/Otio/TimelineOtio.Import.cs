using System.Security.Cryptography;
using System.Text;
using Takt.Domain.Archive;
using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// What an OTIO timeline became: the document (null when it could not be read), the create
/// operations that build it (an import is an edit log like any other), what was left out and why,
/// and the problem that stopped it.
/// </summary>
public sealed record TimelineOtioImport(TimelineDocument? Document, IReadOnlyList<TimelineOperation> Operations, IReadOnlyList<string> Warnings, string? Problem);

public static partial class TimelineOtio
{
    /// <summary>The largest cut an import makes: about 12 hours at 240 fps.</summary>
    private const long MaxFrames = 10_000_000;

    /// <summary>
    /// A Takt document from an OTIO timeline. Entities Takt wrote come back exactly; anything else
    /// is read as OTIO means it: clips follow one another on their track, gaps are space, the rate
    /// is the clips' (23.976 becomes 24000/1001). Ids are derived from each object's place in the
    /// file, so importing the same file twice gives the same document. What Takt cannot hold
    /// (nested stacks, transitions, effects, markers, media outside the archive) is left out with a
    /// warning naming it.
    /// </summary>
    public static TimelineOtioImport FromOtio(OtioTimeline timeline)
    {
        var warnings = new List<string>();
        var operations = new List<TimelineOperation>();
        var takt = timeline.TaktMetadata;
        var rate = ReadEntity(takt?["cut"]) is CutEntity written ? written.Rate : RateOf(timeline);
        if (rate is null)
        {
            return new TimelineOtioImport(null, [], warnings, "the timeline's frame rate is not a positive number");
        }

        var fps = rate.FramesPerSecond;
        var project = ReadEntity(takt?["project"]) as ProjectEntity ?? new ProjectEntity { Id = IdOf("project"), OrderKey = OrderKeys.First, Name = timeline.Name ?? "imported" };
        var scene = ReadEntity(takt?["scene"]) as SceneEntity ?? new SceneEntity { Id = IdOf("scene"), ParentId = project.Id, OrderKey = OrderKeys.First, Name = "s01" };
        var duration = Frames(timeline.Duration(), fps);
        if (duration is not { } length || length > MaxFrames)
        {
            return new TimelineOtioImport(null, [], warnings, $"the timeline lasts {timeline.Duration().ToSeconds()} s, which Takt cannot hold as a cut");
        }

        var cut = ReadEntity(takt?["cut"]) as CutEntity ?? new CutEntity
        {
            Id = IdOf("cut"),
            ParentId = scene.Id,
            OrderKey = OrderKeys.First,
            Name = timeline.Name is { Length: > 0 } n ? n : "c001",
            Rate = rate,
            Width = 1920,
            Height = 1080,
            DurationFrames = length,
        };
        operations.AddRange([new CreateEntity(project), new CreateEntity(scene), new CreateEntity(cut)]);
        AddCurves(takt?[TaktOtio.CurvesKey], operations);

        string? trackKey = null;
        for (var t = 0; t < timeline.Tracks.Children.Count; t++)
        {
            if (timeline.Tracks.Children[t] is not Track track)
            {
                warnings.Add($"track {t} ({timeline.Tracks.Children[t].SchemaName} '{timeline.Tracks.Children[t].Name}') is not a track; left out");
                continue;
            }

            trackKey = OrderKeys.Between(trackKey, null);
            var entity = ReadEntity(track.TaktMetadata?[EntityKey]) as TrackEntity ?? new TrackEntity
            {
                Id = IdOf($"track {t}"),
                ParentId = cut.Id,
                OrderKey = trackKey,
                Name = track.Name ?? $"track {t}",
                TrackKind = track.Kind == Track.AudioKind ? TrackKind.Audio : TrackKind.Video,
                Enabled = track.Enabled,
                Locked = false,
            };
            operations.Add(new CreateEntity(entity));
            AddCurves(track.TaktMetadata?[TaktOtio.CurvesKey], operations);
            if (!AddClips(track, t, entity, fps, operations, warnings, out var problem))
            {
                return new TimelineOtioImport(null, [], warnings, problem);
            }
        }

        var built = TimelineDocument.Empty.Replay(operations);
        return built.Applied
            ? new TimelineOtioImport(built.Document, operations, warnings, null)
            : new TimelineOtioImport(null, [], warnings, $"the timeline does not make a valid Takt document: {built.Problem.Message}");
    }

    private static bool AddClips(Track track, int t, TrackEntity entity, double fps, List<TimelineOperation> operations, List<string> warnings, out string? problem)
    {
        problem = null;
        string? clipKey = null;
        for (var c = 0; c < track.Children.Count; c++)
        {
            var child = track.Children[c];
            var where = $"track '{entity.Name}', item {c} ('{child.Name}')";
            switch (child)
            {
                case Gap:
                    continue;
                case Clip clip:
                    if (ReadEntity(clip.TaktMetadata?[EntityKey]) is ClipEntity written)
                    {
                        operations.Add(new CreateEntity(written));
                        AddCurves(clip.TaktMetadata?[TaktOtio.CurvesKey], operations);
                        continue;
                    }

                    var range = track.RangeOfChildAtIndex(c);
                    var (start, duration) = (Frames(range.StartTime, fps), Frames(range.Duration, fps));
                    // The in-point counts from the media's first frame: its available range's start when known.
                    var sourceIn = clip.SourceRange is { } source
                        ? Frames(clip.MediaReference.AvailableRange is { } available ? source.StartTime - available.StartTime : source.StartTime, fps)
                        : 0;
                    if (start is null || duration is null || sourceIn is null || duration < 1 || start + duration > MaxFrames)
                    {
                        problem = $"{where} has a range Takt cannot place ({range.StartTime.ToSeconds()} s for {range.Duration.ToSeconds()} s)";
                        return false;
                    }

                    if (Source(clip) is not { } clipSource)
                    {
                        warnings.Add($"{where} shows {Describe(clip.MediaReference)}, which is not in Takt's archive; left out (ingest it and place the asset)");
                        continue;
                    }

                    clipKey = OrderKeys.Between(clipKey, null);
                    operations.Add(new CreateEntity(new ClipEntity
                    {
                        Id = IdOf($"track {t} clip {c}"),
                        ParentId = entity.Id,
                        OrderKey = clipKey,
                        Name = clip.Name ?? $"clip {c}",
                        Start = start.Value,
                        Duration = duration.Value,
                        SourceIn = Math.Max(0, sourceIn.Value),
                        Source = clipSource,
                    }));
                    if (clip.Effects.Count > 0 || clip.Markers.Count > 0)
                    {
                        warnings.Add($"{where}: its {clip.Effects.Count} effect(s) and {clip.Markers.Count} marker(s) have no Takt form; left out");
                    }

                    break;
                default:
                    warnings.Add($"{where} is a {child.SchemaName}, which Takt's timeline does not hold; left out");
                    break;
            }
        }

        return true;
    }

    private static ClipSource? Source(Clip clip) => clip.MediaReference switch
    {
        ExternalReference external when external.TargetUrl.StartsWith(AssetScheme, StringComparison.Ordinal)
            && Guid.TryParse(external.TargetUrl[AssetScheme.Length..], out var asset)
            && external.TaktMetadata?["contentHash"] is { Kind: OtioJsonKind.Text } hash
            => new ArchiveAssetSource(new AssetId(asset), hash.AsString()),
        GeneratorReference { GeneratorKind: TaktOtio.GeneratorKind } generator when generator.Parameters["workflow"] is { Kind: OtioJsonKind.Text } workflow
            => new GenerationSource(workflow.AsString()),
        _ => null,
    };

    private static string Describe(MediaReference reference) => reference switch
    {
        ExternalReference external => $"'{external.TargetUrl}'",
        GeneratorReference generator => $"a '{generator.GeneratorKind}' generator",
        _ => $"a {reference.SchemaName}",
    };

    private static void AddCurves(OtioJsonValue? curves, List<TimelineOperation> operations)
    {
        if (curves is not { Kind: OtioJsonKind.Map })
        {
            return;
        }

        foreach (var (_, curve) in curves.Properties)
        {
            if (ReadEntity(curve[EntityKey]) is CurveEntity entity)
            {
                operations.Add(new CreateEntity(entity));
                foreach (var key in curve["keys"]?.Items ?? [])
                {
                    if (ReadEntity(key) is KeyframeEntity keyframe)
                    {
                        operations.Add(new CreateEntity(keyframe));
                    }
                }
            }
        }
    }

    /// <summary>The rate of the first clip with a source range, else of the global start time; NTSC rates made exact.</summary>
    private static FrameRate? RateOf(OtioTimeline timeline)
    {
        var rate = timeline.Tracks.Children.OfType<Track>().SelectMany(t => t.Children.OfType<Clip>())
            .Select(c => c.SourceRange?.Duration.Rate).FirstOrDefault(r => r is > 0)
            ?? timeline.GlobalStartTime?.Rate ?? 24;
        if (!double.IsFinite(rate) || rate <= 0 || rate > 1000)
        {
            return null;
        }

        foreach (var whole in new[] { 24, 30, 48, 60, 120 })
        {
            if (Math.Abs(rate - (whole * 1000.0 / 1001)) < 0.005)
            {
                return new FrameRate(whole * 1000, 1001);
            }
        }

        return Math.Abs(rate - Math.Round(rate)) < 1e-9 ? new FrameRate((long)Math.Round(rate), 1) : new FrameRate((long)Math.Round(rate * 1000), 1000);
    }

    private static long? Frames(RationalTime time, double fps)
    {
        var frames = time.ValueRescaledTo(fps);
        return double.IsFinite(frames) && Math.Abs(frames) < MaxFrames * 2 ? (long)Math.Round(frames) : null;
    }

    /// <summary>An id from the object's place in the file: the same file imports to the same document.</summary>
    private static TimelineEntityId IdOf(string place) =>
        new(new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("otio-import:" + place)).AsSpan(0, 16)));
}
