using Takt.Domain.Timeline.Otio;

namespace Takt.Domain.Tests.Timeline.Otio;

// Golden numbers from OpenTimelineIO's tests (test_documentation.py, test_composition.py, test_transition.py).
public sealed class OtioAlgorithmTests
{
    private static TimeRange R(double start, double duration, double rate = 24) => new(start, duration, rate);

    private static Clip ClipOf(string name, double start, double duration, double rate = 24) =>
        new() { Name = name, SourceRange = R(start, duration, rate) };

    private static Track ThreeClips(string name = "foo")
    {
        var track = new Track { Name = name };
        track.Add(ClipOf("clip1", 100, 50));
        track.Add(ClipOf("clip2", 101, 50));
        track.Add(ClipOf("clip3", 102, 50));
        return track;
    }

    [Fact]
    public void ClipExample_MatchesTheDocumentationTest()
    {
        var timeline = OtioFixtures.Timeline("clip_example.otio");
        var track = (Track)timeline.Tracks.Children[0];
        var clip = track.Children.OfType<Clip>().Single();
        var transition = track.Children.OfType<Transition>().Single();

        Assert.Equal(new RationalTime(19, 24), track.Duration());
        Assert.Equal(R(0, 19), track.TrimmedRange());
        Assert.Equal(R(0, 19), track.AvailableRange());
        Assert.Equal(R(0, 19), track.VisibleRange());
        Assert.Equal(R(8, 3), clip.RangeInParent());
        Assert.Equal(R(8, 3), clip.TrimmedRangeInParent());
        Assert.Equal(R(3, 3), clip.TrimmedRange());
        Assert.Equal(R(3, 4), clip.VisibleRange());
        Assert.Equal((null, new RationalTime(1, 24)), track.HandlesOfChild(clip));
        Assert.Equal(new RationalTime(2, 24), transition.InOffset);
        Assert.Equal(new RationalTime(1, 24), transition.OutOffset);
        Assert.All(track.Children.OfType<Gap>(), gap => Assert.Equal(new RationalTime(8, 24), gap.Duration()));
    }

    [Fact]
    public void TrackRange_TransitionsOverlapAndAddOnlyAtTheEnds()
    {
        var length = new RationalTime(5, 1);
        var track = new Track();
        for (var i = 0; i < 4; i++)
        {
            track.Add(new Gap { SourceRange = new TimeRange(new RationalTime(), length) });
        }

        Assert.Equal(new TimeRange(new RationalTime(5, 1), length), track.RangeOfChildAtIndex(1));
        Assert.Equal(new TimeRange(new RationalTime(15, 1), length), track.RangeOfChildAtIndex(3));
        Assert.Equal(length + length + length + length, track.Duration());
        var rangeOfItem = track.RangeOfChildAtIndex(3);
        var inOffset = new RationalTime(10, 24);
        var outOffset = new RationalTime(12, 24);
        Transition NewTransition() => new() { InOffset = inOffset, OutOffset = outOffset };

        track.Insert(0, NewTransition());
        track.Insert(3, NewTransition());
        track.Add(NewTransition());

        Assert.Equal(R(230, 22), track.RangeOfChildAtIndex(3));
        Assert.Equal(R(470, 22), track.RangeOfChildAtIndex(track.Children.Count - 1));
        Assert.Equal(rangeOfItem, track.RangeOfChildAtIndex(5));
        Assert.Equal(inOffset + length + length + length + length + outOffset, track.Duration());
    }

    [Fact]
    public void TrackRangeOfChild_TrimmedBySourceRange()
    {
        var track = ThreeClips();

        Assert.Equal(new RationalTime(150, 24), track.Duration());
        Assert.Equal(new RationalTime(), track.RangeOfChildAtIndex(0).StartTime);
        Assert.Equal(new RationalTime(50, 24), track.RangeOfChildAtIndex(1).StartTime);
        Assert.Equal(new RationalTime(100, 24), track.RangeOfChildAtIndex(2).StartTime);
        Assert.Equal(track.RangeOfChildAtIndex(2), track.RangeOfChild(track.Children[2]));

        track.SourceRange = R(5, 140);

        Assert.Equal(R(5, 45), track.TrimmedRangeOfChildAtIndex(0));
        Assert.Equal(track.RangeOfChildAtIndex(1), track.TrimmedRangeOfChildAtIndex(1));
        Assert.Equal(R(100, 45), track.TrimmedRangeOfChildAtIndex(2));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(track.TrimmedRangeOfChildAtIndex(i), ((Item)track.Children[i]).TrimmedRangeInParent());
        }

        Assert.Throws<InvalidOperationException>(() => new Clip().TrimmedRangeInParent());
    }

    [Fact]
    public void StackRangeOfChild_AllStartAtZero()
    {
        var stack = new Stack();
        stack.Add(ClipOf("clip1", 100, 50));
        stack.Add(ClipOf("clip2", 101, 50));

        Assert.Equal(new RationalTime(50, 24), stack.Duration());
        Assert.Equal(new RationalTime(), stack.RangeOfChildAtIndex(1).StartTime);
        stack.SourceRange = R(5, 10);
        Assert.Equal(R(5, 10), stack.TrimmedRangeOfChildAtIndex(0));
    }

    [Fact]
    public void TrimmedOut_ChildrenOutsideTheSourceRangeHaveNoRange()
    {
        var track = new Track();
        track.Add(ClipOf("clip1", 100, 50));
        track.Add(ClipOf("clip2", 101, 50));
        track.SourceRange = R(60, 10);

        Assert.Null(track.TrimmedRangeOfChildAtIndex(0));
        Assert.Equal(track.SourceRange, track.TrimmedRangeOfChildAtIndex(1));

        track.SourceRange = R(0, 10);

        Assert.Null(track.TrimmedRangeOfChildAtIndex(1));
        Assert.Null(((Item)track.Children[1]).TrimmedRangeInParent());
        Assert.Equal(track.SourceRange, track.TrimmedRangeOfChildAtIndex(0));
    }

    [Fact]
    public void Nested_ThreeTracksOfThreeEqualOneTrackOfNine()
    {
        var outer = new Track { Name = "outer" };
        var longTrack = new Track { Name = "long" };
        for (var i = 0; i < 3; i++)
        {
            outer.Add(ThreeClips());
            foreach (var clip in ThreeClips().Children.Cast<Clip>().Select(OtioAlgorithms.Clone))
            {
                longTrack.Add(clip);
            }
        }

        var nestedClips = outer.Children.Cast<Track>().SelectMany(t => t.Children).ToList();

        Assert.Equal(outer.Duration(), longTrack.Duration());
        Assert.Equal(longTrack.Children.Select(longTrack.RangeOfChild), nestedClips.Select(outer.RangeOfChild));
        Assert.Throws<InvalidOperationException>(() => outer.RangeOfChild(longTrack.Children[0]));
    }

    [Fact]
    public void NestedExample_RangesAddUpThroughNestedStacksAndTracks()
    {
        var timeline = OtioFixtures.Timeline("nested_example.otio");
        var top = (Track)timeline.Tracks.Children[0];
        var nestedStack = (Stack)top.Children[1];
        var inner = (Clip)nestedStack.Children[0];
        var nestedTrack = (Track)top.Children[5];
        var frozen = (Clip)nestedTrack.Children[0];

        // 238 + 31 + 33 + 29 + 63 + 4 + 238 frames; nested stacks last their source range, not their content.
        Assert.Equal(new RationalTime(636, 24), top.Duration());
        Assert.Equal(R(238, 37), top.RangeOfChild(inner));
        Assert.Equal(R(238, 31), top.TrimmedRangeOfChild(inner));
        Assert.Equal(R(394, 1), timeline.Tracks.RangeOfChild(frozen));
        Assert.IsType<LinearTimeWarp>(((Item)top.Children[3]).Effects[0]);
        Assert.Equal(0, Assert.IsType<FreezeFrame>(nestedTrack.Effects[0]).TimeScalar);
        // The inner clip's first frame is where "Normal Clip 1" (135 + 238) ends, in that clip's media time.
        Assert.Equal(new RationalTime(373, 24), inner.TransformedTime(new RationalTime(373, 24), (Item)top.Children[0]));
        Assert.Equal(new RationalTime(373, 24), ((Item)top.Children[0]).TransformedTime(new RationalTime(373, 24), inner));
    }

    [Fact]
    public void TransitionParentRange_SpansTheCut()
    {
        var track = new Track();
        track.Add(ClipOf("A", 0, 50, 30));
        track.Add(new Transition { InOffset = new RationalTime(7, 30), OutOffset = new RationalTime(10, 30) });
        track.Add(ClipOf("B", 0, 50, 30));
        var transition = (Transition)track.Children[1];

        Assert.Equal(R(43, 17, 30), transition.RangeInParent());
        Assert.Equal(R(43, 17, 30), transition.TrimmedRangeInParent());
    }

    [Fact]
    public void TransitionTest_LeadingAndTrailingTransitionsExtendTheTrack()
    {
        var track = (Track)OtioFixtures.Timeline("transition_test.otio").Tracks.Children[0];
        var items = track.Children.OfType<Item>().Sum(i => i.Duration().ToSeconds());
        var head = track.Children[0] is Transition first ? first.InOffset.ToSeconds() : 0;
        var tail = track.Children[^1] is Transition last ? last.OutOffset.ToSeconds() : 0;

        Assert.Equal(items + head + tail, track.Duration().ToSeconds(), 9);
        var ranges = track.RangeOfAllChildren();
        for (var i = 0; i < track.Children.Count; i++)
        {
            Assert.Equal(track.RangeOfChildAtIndex(i), ranges[i]);
        }

        var (previous, next) = track.NeighborsOf(track.Children[0], aroundTransitions: true);
        Assert.IsType<Gap>(previous);
        Assert.Same(track.Children[1], next);
    }

    [Fact]
    public void ChildrenInRangeAndChildAtTime_FindTheClips()
    {
        var track = ThreeClips();

        Assert.Equal(["clip2"], track.ChildrenInRange(R(60, 10)).Select(c => c.Name));
        Assert.Equal(["clip1", "clip2"], track.ChildrenInRange(R(40, 20)).Select(c => c.Name));
        Assert.Equal("clip3", track.ChildAtTime(new RationalTime(100, 24))?.Name);
        Assert.Null(track.ChildAtTime(new RationalTime(150, 24)));
    }

    [Fact]
    public void TransformedTime_MapsBetweenClipsThroughTheTrack()
    {
        var track = ThreeClips();
        var clip1 = (Item)track.Children[0];
        var clip2 = (Item)track.Children[1];

        Assert.Equal(new RationalTime(101, 24), clip1.TransformedTime(new RationalTime(150, 24), clip2));
        Assert.Equal(new RationalTime(150, 24), clip2.TransformedTime(new RationalTime(101, 24), clip1));
        Assert.Equal(new RationalTime(50, 24), clip1.TransformedTime(new RationalTime(150, 24), track));
    }

    [Fact]
    public void Flatten_Multitrack_EqualsPreflattened()
    {
        var timeline = OtioFixtures.Timeline("multitrack.otio");
        var expected = OtioFixtures.Timeline("preflattened.otio").VideoTracks().First();

        var flattened = OtioAlgorithms.FlattenStack(timeline.VideoTracks().ToList());

        Assert.Equal("Flattened", flattened.Name);
        expected.Name = "";
        flattened.Name = "";
        Assert.Equal(OtioWriter.Write(expected), OtioWriter.Write(flattened));
    }

    [Fact]
    public void Flatten_GapsShowBelowAndDisabledTracksAreSkipped()
    {
        var stack = new Stack();
        var bottom = new Track();
        bottom.Add(ClipOf("b", 0, 30));
        var top = new Track();
        top.Add(ClipOf("t1", 0, 10));
        top.Add(new Gap { SourceRange = R(0, 10) });
        top.Add(ClipOf("t2", 0, 5));
        var disabled = new Track { Enabled = false };
        disabled.Add(ClipOf("off", 0, 30));
        stack.Add(bottom);
        stack.Add(top);
        stack.Add(disabled);

        var flat = OtioAlgorithms.FlattenStack(stack);

        // The top track is padded with a gap to the longest track's 30 frames, and that gap shows the bottom too.
        Assert.Equal(["t1", "b", "t2", "b"], flat.Children.Select(c => c.Name));
        Assert.Equal(R(10, 10), ((Item)flat.Children[1]).SourceRange);
        Assert.Equal(R(25, 5), ((Item)flat.Children[3]).SourceRange);
        Assert.Equal(new RationalTime(30, 24), flat.Duration());
        Assert.Single(bottom.Children);
    }

    [Fact]
    public void Flatten_WithTransition_KeepsTheTransitionAndLeavesInputsAlone()
    {
        // test_stack_algo.py::test_flatten_with_transition: A B C under D gap E, a transition after D.
        var abc = new Track();
        abc.Add(ClipOf("A", 0, 50));
        abc.Add(ClipOf("B", 0, 50));
        abc.Add(ClipOf("C", 0, 50));
        var dge = new Track();
        dge.Add(ClipOf("D", 0, 50));
        dge.Add(new Gap { SourceRange = R(0, 50) });
        dge.Add(ClipOf("E", 0, 50));
        var stack = new Stack();
        stack.Add(abc);
        stack.Add(dge);
        dge.Insert(1, new Transition { Name = "test_transition", InOffset = new RationalTime(10, 24), OutOffset = new RationalTime(15, 24) });

        var flat = OtioAlgorithms.FlattenStack(stack);

        Assert.Equal(3, abc.Children.Count);
        Assert.Equal(4, dge.Children.Count);
        Assert.Equal(["D", "test_transition", "B", "E"], flat.Children.Select(c => c.Name));
    }

    [Fact]
    public void TrackTrimmedToRange_TrimsBoundaryClipsAndRefusesToCutATransition()
    {
        var track = ThreeClips();

        var trimmed = OtioAlgorithms.TrackTrimmedToRange(track, R(25, 50));

        Assert.Equal([R(125, 25), R(101, 25)], trimmed.Children.Cast<Item>().Select(i => i.SourceRange!.Value));
        track.Insert(1, new Transition { InOffset = new RationalTime(5, 24), OutOffset = new RationalTime(5, 24) });
        Assert.Throws<InvalidOperationException>(() => OtioAlgorithms.TrackTrimmedToRange(track, R(0, 48)));
    }
}
