using Takt.Domain.Timeline;
using static Takt.Domain.Tests.Timeline.TimelineFixtures;

namespace Takt.Domain.Tests.Timeline;

public sealed class TimelineCommandsTests
{
    [Fact]
    public void RippleDelete_ClosesTheHole()
    {
        var before = WithClips((0, 10), (10, 10), (30, 5));

        var after = Run(before, TimelineCommands.RippleDelete(before, Id(100)));

        Assert.Equal([(0L, 10L), (20L, 25L)], Spans(after, TrackId));
    }

    [Fact]
    public void RippleDelete_TakesTheClipsCurvesWithIt()
    {
        var before = Apply(WithClips((0, 10), (10, 10)), TimelineOperationTests.Curve(Id(60), Id(100)), TimelineOperationTests.Key(Id(61), Id(60), 0, 1));

        var after = Run(before, TimelineCommands.RippleDelete(before, Id(100)));

        Assert.Null(after.Find(Id(60)));
        Assert.Equal([(0L, 10L)], Spans(after, TrackId));
    }

    [Fact]
    public void RippleInsert_PushesLaterClipsRight()
    {
        var before = WithClips((0, 10), (10, 10), (25, 5));

        var after = Run(before, TimelineCommands.RippleInsert(before, Clip(Id(50), 10, 5)));

        Assert.Equal([(0L, 10L), (10L, 15L), (15L, 25L), (30L, 35L)], Spans(after, TrackId));
    }

    [Fact]
    public void RippleInsert_InsideAClip_RefusedNamingIt()
    {
        var before = WithClips((0, 10));

        var problem = TimelineCommands.RippleInsert(before, Clip(Id(50), 5, 5)).Problem!;

        Assert.Equal(TimelineProblemKind.Overlap, problem.Kind);
        Assert.Contains(Id(100).ToString(), problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 13, 13)]
    [InlineData(-3, 7, 7)]
    public void Roll_MovesTheCutPointOnly(long delta, long cut, long rightSourceIn)
    {
        var before = WithClips((0, 10), (10, 10), (20, 10));

        var after = Run(before, TimelineCommands.Roll(before, Id(100), Id(101), delta));

        Assert.Equal([(0L, cut), (cut, 20L), (20L, 30L)], Spans(after, TrackId));
        Assert.Equal(rightSourceIn, after.Find<ClipEntity>(Id(101))!.SourceIn);
    }

    [Fact]
    public void Roll_Refusals()
    {
        var before = WithClips((0, 10), (10, 10), (25, 5));

        Assert.Equal(TimelineProblemKind.InvalidValue, TimelineCommands.Roll(before, Id(100), Id(101), 10).Problem!.Kind);
        Assert.Equal(TimelineProblemKind.InvalidValue, TimelineCommands.Roll(before, Id(100), Id(101), -11).Problem!.Kind);
        Assert.Equal(TimelineProblemKind.NotAdjacent, TimelineCommands.Roll(before, Id(101), Id(102), 1).Problem!.Kind);
        Assert.Equal(TimelineProblemKind.UnknownEntity, TimelineCommands.Roll(before, Id(100), Id(99), 1).Problem!.Kind);
    }

    [Fact]
    public void Slip_ChangesTheInPointOnly_AndStaysInsideTheSource()
    {
        var before = WithClips((0, 10));

        var after = Run(before, TimelineCommands.Slip(before, Id(100), 5));

        Assert.Equal((0L, 10L, 15L), after.Find<ClipEntity>(Id(100)) is { } c ? (c.Start, c.End, c.SourceIn) : default);
        Assert.Equal(TimelineProblemKind.InvalidValue, TimelineCommands.Slip(before, Id(100), -11).Problem!.Kind);
        Assert.Equal(TimelineProblemKind.InvalidValue, TimelineCommands.Slip(before, Id(100), 981).Problem!.Kind);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-3)]
    public void Slide_MovesTheClipBetweenItsNeighbours(long delta)
    {
        var before = WithClips((0, 10), (10, 10), (20, 10));

        var after = Run(before, TimelineCommands.Slide(before, Id(101), delta));

        Assert.Equal([(0L, 10 + delta), (10 + delta, 20 + delta), (20 + delta, 30L)], Spans(after, TrackId));
        Assert.Equal(10 + 10 + delta, after.Find<ClipEntity>(Id(102))!.SourceIn + 10);
        Assert.Equal(10, after.Find<ClipEntity>(Id(101))!.SourceIn);
    }

    [Fact]
    public void Slide_IntoAGap_OnlyMovesTheClip_AndRefusesToCoverTheNext()
    {
        var before = WithClips((0, 10), (15, 5), (30, 10));

        Assert.Equal([(0L, 10L), (17L, 22L), (30L, 40L)], Spans(Run(before, TimelineCommands.Slide(before, Id(101), 2)), TrackId));
        Assert.False(TimelineCommands.Slide(before, Id(101), 11).ApplyTo(before).Applied);
    }

    [Fact]
    public void Commands_OnALockedTrack_Refused()
    {
        var before = Apply(WithClips((0, 10), (10, 10)), new SetProperty(TrackId, "locked", new BoolValue(true)));

        Assert.All(
            [TimelineCommands.RippleDelete(before, Id(100)), TimelineCommands.Slip(before, Id(100), 1), TimelineCommands.Roll(before, Id(100), Id(101), 1),
             TimelineCommands.Slide(before, Id(101), 1), TimelineCommands.RippleInsert(before, Clip(Id(50), 20, 5))],
            c => Assert.Equal(TimelineProblemKind.Locked, c.Problem!.Kind));
    }

    /// <summary>Applies the command, checks its inverse restores the document, and returns the result.</summary>
    private static TimelineDocument Run(TimelineDocument before, CommandResult command)
    {
        Assert.True(command.Expanded, command.Problem?.ToString());
        var result = command.Batch.Apply(before);
        Assert.True(result.Applied, result.Problem?.ToString());
        Assert.Equal(before, Apply(result.Document, result.Inverse));
        return result.Document;
    }
}
