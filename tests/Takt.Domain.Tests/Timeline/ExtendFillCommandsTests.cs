using Takt.Domain.Archive;
using Takt.Domain.Timeline;
using Takt.Domain.Timeline.Rendering;
using Takt.TestKit.Timelines;

namespace Takt.Domain.Tests.Timeline;

public sealed class ExtendFillCommandsTests
{
    private static readonly ClipSource Still = new ArchiveAssetSource(new AssetId(Guid.Parse("00000000-0000-0000-0000-0000000000a1")), new string('a', 64));

    [Fact]
    public void Extend_PlacesAGenerationRightAfter_ConditionedOnTheLastFrame_AndKeepsTheSameWorkflowsInputs()
    {
        var t = new TimelineBuilder();
        var cut = t.Cut("c", 64, 64, 100);
        var track = t.Track(cut, "gen", TrackKind.Generation);
        var first = t.Clip(track, "shot", new GenerationSource("walk"), 0, 24, bindings: new Dictionary<string, ParameterBinding> { ["prompt.text"] = new ConstantBinding(new TextValue("dusk")) });
        var document = t.Build();
        var id = TimelineEntityId.New();

        var applied = TimelineCommands.Extend(document, first, "walk", 16, id).ApplyTo(document);

        Assert.True(applied.Applied, applied.Problem?.Message);
        var extension = applied.Document.Find<ClipEntity>(id)!;
        Assert.Equal((24L, 16L, track), (extension.Start, extension.Duration, extension.ParentId!.Value));
        Assert.Equal(new GenerationSource("walk"), extension.Source);
        Assert.Equal(new ConstantBinding(new TextValue("dusk")), extension.Bindings["prompt.text"]);
        var previous = Assert.IsType<ConstantBinding>(extension.Bindings["previous.frame"]);
        Assert.True(FrameReference.TryParse(((TextValue)previous.Value).Value, out var reference));
        Assert.Equal(new FrameReference(first, Last: true), reference);

        // Undo removes it again.
        Assert.Equal(document, applied.Inverse.Apply(applied.Document).Document);
    }

    [Fact]
    public void Extend_IntoTakenFrames_OrByNothing_IsRefused()
    {
        var t = new TimelineBuilder();
        var cut = t.Cut("c", 64, 64, 100);
        var track = t.Track(cut, "v");
        var a = t.Clip(track, "a", Still, 0, 10);
        t.Clip(track, "b", Still, 14, 10);
        var document = t.Build();

        var taken = TimelineCommands.Extend(document, a, "walk", 8, TimelineEntityId.New());
        var nothing = TimelineCommands.Extend(document, a, "walk", 0, TimelineEntityId.New());

        Assert.Equal(TimelineProblemKind.Overlap, taken.Problem?.Kind);
        Assert.Contains("taken by clip 'b'", taken.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal(TimelineProblemKind.InvalidValue, nothing.Problem?.Kind);
    }

    [Fact]
    public void Fill_BridgesTheGap_WithAWeightThatReachesNeitherEnd()
    {
        var t = new TimelineBuilder();
        var cut = t.Cut("c", 64, 64, 40);
        var track = t.Track(cut, "v");
        var a = t.Clip(track, "a", Still, 0, 10);
        var b = t.Clip(track, "b", Still, 13, 10);
        var document = t.Build();
        var id = TimelineEntityId.New();

        var applied = TimelineCommands.Fill(document, a, b, id, TimelineEntityId.New(), TimelineEntityId.New(), TimelineEntityId.New()).ApplyTo(document);

        Assert.True(applied.Applied, applied.Problem?.Message);
        var fill = applied.Document.Find<ClipEntity>(id)!;
        Assert.Equal((10L, 3L), (fill.Start, fill.Duration));
        Assert.True(CutPlan.TryBuild(applied.Document, cut, out var plan, out var problems), string.Join("; ", problems));
        var planned = plan.Layers.Single(l => l.Clip.Id == id);
        Assert.Equal(["from.frame=\"clip:" + a + "@last\"", "mix.t=0.25", "to.frame=\"clip:" + b + "@first\""], planned.OverridesAt(10));
        Assert.Equal("mix.t=0.75", planned.OverridesAt(12)[1]);
    }

    [Fact]
    public void Fill_WithoutAGap_OrAcrossTracks_IsRefused()
    {
        var t = new TimelineBuilder();
        var cut = t.Cut("c", 64, 64, 40);
        var one = t.Track(cut, "one");
        var two = t.Track(cut, "two");
        var a = t.Clip(one, "a", Still, 0, 10);
        var b = t.Clip(one, "b", Still, 10, 10);
        var c = t.Clip(two, "c", Still, 25, 5);
        var document = t.Build();

        Assert.Equal(TimelineProblemKind.NotAdjacent, TimelineCommands.Fill(document, a, b, TimelineEntityId.New(), TimelineEntityId.New(), TimelineEntityId.New(), TimelineEntityId.New()).Problem?.Kind);
        Assert.Equal(TimelineProblemKind.NotAdjacent, TimelineCommands.Fill(document, b, c, TimelineEntityId.New(), TimelineEntityId.New(), TimelineEntityId.New(), TimelineEntityId.New()).Problem?.Kind);
    }
}
