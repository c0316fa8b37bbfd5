using Takt.Domain.Timeline;

namespace Takt.Cli.Commands;

/// <summary>
/// The demo's timeline: one 960×540 cut of two seconds at 24 fps with the festival layers far,
/// mid and near on three tracks (depth 0.4, 0.7, 1: the far sky lags behind the camera), a camera
/// that pans right and pushes in with an ease over layers a little larger than the frame (no edge shows), the near layer fading in over the first half
/// second and the mid layer drifting. Ids are fixed so the demo's document is the same every run.
/// </summary>
internal static class DemoTimeline
{
    public const string Name = "hanabi";

    public static readonly TimelineEntityId Cut = Id(3);

    public static TimelineDocument Build(IReadOnlyList<ArchiveAssetSource> layers)
    {
        var operations = new List<TimelineOperation>();
        var next = 100;
        string? key = null;
        TimelineEntityId Add(TimelineEntityId id, Func<string, TimelineEntity> make)
        {
            key = OrderKeys.Between(key, null);
            operations.Add(new CreateEntity(make(key)));
            return id;
        }

        void Curve(TimelineEntityId target, string parameter, KeyInterpolation interpolation, params (double Frame, double Value)[] keys)
        {
            var curve = Add(Id(next++), k => new CurveEntity { Id = Id(next - 1), ParentId = target, OrderKey = k, Parameter = parameter, ValueKind = CurveValueKind.Number });
            foreach (var (frame, value) in keys)
            {
                Add(Id(next++), k => new KeyframeEntity { Id = Id(next - 1), ParentId = curve, OrderKey = k, Frame = frame, Value = new NumberValue(value), Interpolation = interpolation });
            }
        }

        var easeInOut = new KeyInterpolation(InterpolationKind.Ease, "ease-in-out-sine");
        var project = Add(Id(1), k => new ProjectEntity { Id = Id(1), OrderKey = k, Name = "hanabi" });
        var scene = Add(Id(2), k => new SceneEntity { Id = Id(2), ParentId = project, OrderKey = k, Name = "sc01" });
        Add(Cut, k => new CutEntity { Id = Cut, ParentId = scene, OrderKey = k, Name = "teaser", Width = 960, Height = 540, Rate = new FrameRate(24, 1), DurationFrames = 48 });
        var camera = Add(Id(4), k => new TrackEntity { Id = Id(4), ParentId = Cut, OrderKey = k, Name = "camera", TrackKind = TrackKind.Camera, Enabled = true, Locked = false });
        Curve(camera, "x", easeInOut, (0, 480), (47, 560));
        Curve(camera, "zoom", easeInOut, (0, 1), (47, 1.15));
        string[] names = ["far", "mid", "near"];
        double[] depths = [0.4, 0.7, 1];
        for (var i = 0; i < layers.Count; i++)
        {
            var (name, depth) = (names[i], depths[i]);
            var track = Add(Id(10 + i), k => new TrackEntity { Id = Id(10 + i), ParentId = Cut, OrderKey = k, Name = name, TrackKind = TrackKind.Video, Enabled = true, Locked = false });
            var source = layers[i];
            var clip = Add(Id(20 + i), k => new ClipEntity { Id = Id(20 + i), ParentId = track, OrderKey = k, Name = $"festival_{name}", Start = 0, Duration = 48, SourceIn = 0, Source = source });
            Curve(track, "scale", KeyInterpolation.Linear, (0, 0.65));
            Curve(track, "depth", KeyInterpolation.Linear, (0, depth));
            if (name == "near")
            {
                Curve(clip, "opacity", easeInOut, (0, 0), (12, 1));
            }
            else if (name == "mid")
            {
                Curve(clip, "x", KeyInterpolation.Linear, (0, 480), (47, 456));
            }
        }

        var built = TimelineDocument.Empty.Replay(operations);
        return built.Applied ? built.Document : throw new InvalidOperationException($"the demo timeline is not valid: {built.Problem}");
    }

    private static TimelineEntityId Id(int n) => new(new Guid(0x7a6b7400, 0, 0, [0, 0, 0, 0, 0, 0, (byte)(n >> 8), (byte)n]));
}
