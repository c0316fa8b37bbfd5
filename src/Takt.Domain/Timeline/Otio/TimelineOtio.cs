using System.Text;
using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// Takt's timeline document to and from OpenTimelineIO, one cut per OTIO timeline. Takt's clips are
/// placed absolutely; OTIO's follow one another, so the space between them becomes gaps. Every Takt
/// entity travels whole under <c>metadata.takt</c> (the cut, project and scene on the timeline,
/// each track and clip on its OTIO object, curves with their keyframes under
/// <c>metadata.takt.curves</c> by parameter), so a file Takt wrote comes back identical, ids
/// included, while other tools see ordinary tracks, clips, external and generator references.
/// </summary>
public static partial class TimelineOtio
{
    private const string EntityKey = "entity";
    private const string AssetScheme = "takt:asset/";

    public static OtioTimeline ToOtio(TimelineDocument document, TimelineEntityId cutId)
    {
        var cut = document.Find<CutEntity>(cutId) ?? throw new ArgumentException($"there is no cut {cutId}", nameof(cutId));
        var rate = cut.Rate.FramesPerSecond;
        var scene = cut.ParentId is { } s ? document.Find<SceneEntity>(s) : null;
        var project = scene?.ParentId is { } p ? document.Find<ProjectEntity>(p) : null;
        var members = new List<KeyValuePair<string, OtioJsonValue>>();
        if (project is not null)
        {
            members.Add(new("project", Entity(project)));
        }

        if (scene is not null)
        {
            members.Add(new("scene", Entity(scene)));
        }

        members.Add(new("cut", Entity(cut)));
        members.Add(new(TaktOtio.CurvesKey, Curves(document, cut.Id)));
        var timeline = new OtioTimeline { Name = cut.Name, GlobalStartTime = new RationalTime(0, rate), Metadata = Takt(members) };
        foreach (var track in document.Children(cut.Id).OfType<TrackEntity>())
        {
            var otioTrack = new Track
            {
                Name = track.Name,
                Kind = track.TrackKind == TrackKind.Audio ? Track.AudioKind : Track.VideoKind,
                Enabled = track.Enabled,
                Metadata = Takt([new(EntityKey, Entity(track)), new(TaktOtio.CurvesKey, Curves(document, track.Id))]),
            };
            long cursor = 0;
            foreach (var clip in document.ClipsOf(track.Id))
            {
                if (clip.Start > cursor)
                {
                    otioTrack.Add(new Gap { SourceRange = new TimeRange(0, clip.Start - cursor, rate) });
                }

                var otioClip = new Clip
                {
                    Name = clip.Name,
                    SourceRange = new TimeRange(clip.SourceIn, clip.Duration, rate),
                    Metadata = Takt([new(EntityKey, Entity(clip)), new(TaktOtio.CurvesKey, Curves(document, clip.Id))]),
                };
                otioClip.MediaReference = Reference(clip);
                otioTrack.Add(otioClip);
                cursor = clip.End;
            }

            timeline.Tracks.Add(otioTrack);
        }

        return timeline;
    }

    private static MediaReference Reference(ClipEntity clip) => clip.Source switch
    {
        ArchiveAssetSource asset => new ExternalReference
        {
            TargetUrl = AssetScheme + asset.Asset.Value.ToString("D"),
            Metadata = Takt([new("asset", OtioJsonValue.FromString(asset.Asset.Value.ToString("D"))), new("contentHash", OtioJsonValue.FromString(asset.ContentHash))]),
        },
        GenerationSource generation => new GeneratorReference
        {
            Name = generation.Workflow,
            GeneratorKind = TaktOtio.GeneratorKind,
            Parameters = OtioJsonValue.FromObject(
            [
                new("workflow", OtioJsonValue.FromString(generation.Workflow)),
                new("bindings", OtioJsonValue.FromObject([.. clip.Bindings.Select(b => new KeyValuePair<string, OtioJsonValue>(b.Key, Binding(b.Value)))])),
            ]),
        },
        RenderedSequenceSource sequence => new GeneratorReference
        {
            Name = "rendered sequence",
            GeneratorKind = "takt.sequence",
            Parameters = OtioJsonValue.FromObject([new("manifest", OtioJsonValue.FromString(sequence.ManifestHash)), new("frames", OtioJsonValue.FromInteger(sequence.FrameCount))]),
        },
        _ => new MissingReference(),
    };

    /// <summary>A binding as other tools can read it: a constant's value, or the bound curve's id.</summary>
    private static OtioJsonValue Binding(ParameterBinding binding) => binding switch
    {
        ConstantBinding { Value: NumberValue n } => OtioJsonValue.FromNumber(n.Value),
        ConstantBinding { Value: IntegerValue i } => OtioJsonValue.FromInteger(i.Value),
        ConstantBinding { Value: BoolValue b } => OtioJsonValue.FromBoolean(b.Value),
        ConstantBinding { Value: TextValue t } => OtioJsonValue.FromString(t.Value),
        CurveBinding c => OtioJsonValue.FromObject([new("curve", OtioJsonValue.FromString(c.Curve.ToString()))]),
        _ => OtioJsonValue.Null,
    };

    /// <summary>The entity's curves by parameter, each the curve and its keyframes as Takt create operations.</summary>
    private static OtioJsonValue Curves(TimelineDocument document, TimelineEntityId owner) =>
        OtioJsonValue.FromObject([.. document.CurvesOf(owner).Select(curve => new KeyValuePair<string, OtioJsonValue>(curve.Parameter, OtioJsonValue.FromObject(
        [
            new(EntityKey, Entity(curve)),
            new("keys", OtioJsonValue.FromArray([.. document.KeyframesOf(curve.Id).Select(Entity)])),
        ])))]);

    private static OtioJsonValue Entity(TimelineEntity entity) =>
        OtioJsonReader.Parse(TimelineJson.WriteOperation(new CreateEntity(entity)));

    private static OtioJsonValue Takt(IReadOnlyList<KeyValuePair<string, OtioJsonValue>> members) =>
        OtioJsonValue.FromObject([new(TaktOtio.MetadataKey, OtioJsonValue.FromObject(members))]);

    private static TimelineEntity? ReadEntity(OtioJsonValue? value)
    {
        if (value is null || value.Kind != OtioJsonKind.Map)
        {
            return null;
        }

        return TimelineJson.TryReadOperation(Encoding.UTF8.GetBytes(OtioJsonWriter.Write(value)), out var operation, out _) && operation is CreateEntity create
            ? create.Entity
            : null;
    }
}
