using CsCheck;
using Takt.Domain.Archive;
using Takt.Domain.Timeline;
using Takt.Domain.Timeline.Rendering;
using Takt.TestKit.Timelines;

namespace Takt.Domain.Tests.Timeline.Rendering;

public sealed class CutPlanTests
{
    private static readonly ClipSource Still = new ArchiveAssetSource(new AssetId(Guid.Parse("00000000-0000-0000-0000-0000000000a1")), new string('a', 64));

    [Fact]
    public void ClipCurves_CountFromTheClipsStart_TrackCurvesFromTheCuts()
    {
        var t = new TimelineBuilder();
        var cut = t.Cut("c001", 320, 180, 48);
        var track = t.Track(cut, "bg");
        var clip = t.Clip(track, "far", Still, start: 10, duration: 20, sourceIn: 3);
        t.Curve(clip, "x", (0, 100), (10, 200));
        t.Curve(track, "opacity", (0, 0), (40, 1));

        Assert.True(CutPlan.TryBuild(t.Build(), cut, out var plan, out var problems), string.Join("; ", problems));

        Assert.Empty(plan.LayersAt(9));
        var layer = Assert.Single(plan.LayersAt(15));
        Assert.Equal(150, layer.X, 9);
        Assert.Equal(90, layer.Y, 9); // at rest: the frame's centre
        Assert.Equal(15 / 40.0, layer.Opacity, 9);
        Assert.Equal(8, layer.SourceFrame);
        Assert.Empty(plan.LayersAt(30)); // [start, end)
    }

    [Fact]
    public void Layers_BottomToTopInTrackOrder_DisabledTracksLeftOut_CameraFromTheCameraTrack()
    {
        var t = new TimelineBuilder();
        var cut = t.Cut("c001", 320, 180, 24);
        var camera = t.Track(cut, "camera", TrackKind.Camera);
        var back = t.Track(cut, "back");
        var hidden = t.Track(cut, "hidden", enabled: false);
        var front = t.Track(cut, "front");
        t.Clip(back, "sky", Still, 0, 24);
        t.Clip(hidden, "ghost", Still, 0, 24);
        t.Clip(front, "hana", Still, 0, 24);
        t.Curve(camera, "x", (0, 160), (23, 260));
        t.Curve(camera, "zoom", KeyInterpolation.Constant, (0, 1), (12, 2));

        Assert.True(CutPlan.TryBuild(t.Build(), cut, out var plan, out _));

        Assert.Equal([0, 1], plan.LayersAt(5).Select(l => l.Layer));
        Assert.Equal(["sky", "hana"], plan.Layers.Select(l => l.Clip.Name));
        Assert.Equal(new CameraFrame(260, 90, 2, 0), plan.Camera.At(23));
        Assert.Equal(1, plan.Camera.At(11).Zoom);
    }

    [Fact]
    public void Problems_AreNamed_AndNothingIsPlanned()
    {
        var t = new TimelineBuilder();
        var cut = t.Cut("c001", 320, 180, 24);
        var track = t.Track(cut, "fx");
        var clip = t.Clip(track, "glow", Still, 0, 24);
        t.TextCurve(clip, "blend", (0, "normal"), (12, "dodge"));
        var sound = t.Track(cut, "music", TrackKind.Audio);
        t.Clip(sound, "bgm", new GenerationSource("music"), 0, 24);
        var empty = t.Cut("empty", 320, 180, 0);
        var document = t.Build();

        Assert.False(CutPlan.TryBuild(document, cut, out var plan, out var problems));
        Assert.Null(plan);
        Assert.Contains(problems, p => p.Contains("blend 'dodge'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("audio clip 'bgm'", StringComparison.Ordinal));
        Assert.False(CutPlan.TryBuild(document, empty, out _, out var none));
        Assert.Contains("lasts 0 frames", Assert.Single(none), StringComparison.Ordinal);
        Assert.False(CutPlan.TryBuild(document, new TimelineEntityId(Guid.NewGuid()), out _, out _));
    }

    [Fact]
    public void Warnings_NameCurvesThatDriveNothing_AndClipsPastTheEnd()
    {
        var t = new TimelineBuilder();
        var cut = t.Cut("c001", 320, 180, 24);
        var track = t.Track(cut, "bg");
        var clip = t.Clip(track, "far", Still, 0, 12);
        t.Curve(clip, "wobble", (0, 1));
        t.Clip(track, "late", Still, 30, 5);

        Assert.True(CutPlan.TryBuild(t.Build(), cut, out var plan, out _));

        Assert.Contains(plan.Warnings, w => w.Contains("'wobble' drives nothing", StringComparison.Ordinal));
        Assert.Contains(plan.Warnings, w => w.Contains("'late'", StringComparison.Ordinal) && w.Contains("not rendered", StringComparison.Ordinal));
        Assert.Single(plan.Layers);
    }

    [Fact]
    public void GenerationInputs_ConstantsAndCurves_AsOverridesPerFrame()
    {
        var t = new TimelineBuilder();
        var cut = t.Cut("c001", 320, 180, 24);
        var track = t.Track(cut, "gen", TrackKind.Generation);
        var strength = t.Curve(cut, "strength", KeyInterpolation.Constant, (0, 0.9), (12, 0.4));
        t.Clip(track, "hana", new GenerationSource("hana"), 0, 24, bindings: new Dictionary<string, ParameterBinding>
        {
            ["control/strength"] = new CurveBinding(strength),
            ["prompt.text"] = new ConstantBinding(new TextValue("dusk \"festival\"")),
            ["sampler.steps"] = new ConstantBinding(new IntegerValue(20)),
        });

        Assert.True(CutPlan.TryBuild(t.Build(), cut, out var plan, out var problems), string.Join("; ", problems));

        var clip = Assert.Single(plan.Layers);
        Assert.Equal(["control.strength=0.9", "prompt.text=\"dusk \\u0022festival\\u0022\"", "sampler.steps=20"], clip.OverridesAt(0));
        Assert.Equal(clip.OverridesAt(0), clip.OverridesAt(11));
        Assert.Equal("control.strength=0.4", clip.OverridesAt(12)[0]);
    }

    [Fact]
    public void LayersAt_AreExactlyTheClipsCoveringTheFrame_WithLinearCurvesReadAtTheClipsOwnTime()
    {
        var clipGen = Gen.Select(Gen.Int[0, 40], Gen.Int[1, 30], Gen.Int[0, 10], Gen.Double[-500, 500], Gen.Double[-500, 500]);
        Gen.Select(clipGen.List[1, 4], Gen.Int[0, 80]).Sample((clips, frame) =>
        {
            var t = new TimelineBuilder();
            var cut = t.Cut("c", 64, 64, 80);
            var expected = new List<(int Layer, long Source, double X)>();
            for (var i = 0; i < clips.Count; i++)
            {
                var (start, duration, sourceIn, from, to) = clips[i];
                var clip = t.Clip(t.Track(cut, $"t{i}"), $"c{i}", Still, start, duration, sourceIn);
                t.Curve(clip, "x", (0, from), (10, to));
                if (frame >= start && frame < start + duration)
                {
                    var local = Math.Clamp(frame - start, 0, 10);
                    expected.Add((i, sourceIn + frame - start, from + ((to - from) * local / 10.0)));
                }
            }

            Assert.True(CutPlan.TryBuild(t.Build(), cut, out var plan, out _));
            var layers = plan.LayersAt(frame);
            Assert.Equal(expected.Select(e => (e.Layer, e.Source)), layers.Select(l => (l.Layer, l.SourceFrame)));
            Assert.All(expected.Zip(layers), p => Assert.Equal(p.First.X, p.Second.X, 6));
        }, iter: 500);
    }
}
