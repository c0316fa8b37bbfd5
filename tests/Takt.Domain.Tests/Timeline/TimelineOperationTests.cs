using Takt.Domain.Timeline;
using static Takt.Domain.Tests.Timeline.TimelineFixtures;

namespace Takt.Domain.Tests.Timeline;

public sealed class TimelineOperationTests
{
    [Fact]
    public void Create_ClipUnderACut_RefusedAsWrongParent()
    {
        var problem = Refused(Skeleton(), new CreateEntity(Clip(Id(50), 0, 10) with { ParentId = CutId }));

        Assert.Equal(TimelineProblemKind.WrongParent, problem.Kind);
        Assert.Equal(Id(50), problem.Entity);
        Assert.Contains("under a track", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SceneWithoutParent_RefusedAndProjectWithParentRefused()
    {
        Assert.Equal(TimelineProblemKind.WrongParent, Refused(Skeleton(), new CreateEntity(new SceneEntity { Id = Id(50), OrderKey = "V", Name = "x" })).Kind);
        Assert.Equal(TimelineProblemKind.WrongParent, Refused(Skeleton(), new CreateEntity(new ProjectEntity { Id = Id(51), ParentId = ProjectId, OrderKey = "V", Name = "x" })).Kind);
    }

    [Fact]
    public void Create_UnderMissingParent_RefusedNamingTheParent()
    {
        var problem = Refused(Skeleton(), new CreateEntity(Clip(Id(50), 0, 10, track: Id(99))));

        Assert.Equal(TimelineProblemKind.UnknownEntity, problem.Kind);
        Assert.Equal("parent", problem.Property);
    }

    [Fact]
    public void Create_DuplicateId_Refused() =>
        Assert.Equal(TimelineProblemKind.DuplicateEntity, Refused(Skeleton(), new CreateEntity(Track(TrackId, CutId, "W"))).Kind);

    [Theory]
    [InlineData(5, 10, TimelineProblemKind.Overlap)]
    [InlineData(15, 1, TimelineProblemKind.Overlap)]
    [InlineData(5, 0, TimelineProblemKind.InvalidValue)]
    [InlineData(-1, 5, TimelineProblemKind.InvalidValue)]
    public void Create_BadClip_Refused(long start, long duration, TimelineProblemKind expected)
    {
        var document = WithClips((10, 10));

        Assert.Equal(expected, Refused(document, new CreateEntity(Clip(Id(50), start, duration))).Kind);
    }

    [Fact]
    public void Create_AdjacentClips_Accepted() =>
        Assert.Equal([(0L, 10L), (10L, 20L), (20L, 25L)], Spans(WithClips((10, 10), (0, 10), (20, 5)), TrackId));

    [Fact]
    public void Set_ClipOntoItsNeighbour_RefusedAsOverlapNamingBoth()
    {
        var problem = Refused(WithClips((0, 10), (20, 10)), new SetProperty(Id(100), "duration", new IntegerValue(21)));

        Assert.Equal(TimelineProblemKind.Overlap, problem.Kind);
        Assert.Equal(Id(100), problem.Entity);
        Assert.Contains(Id(101).ToString(), problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate", 0L, TimelineProblemKind.InvalidValue)]
    [InlineData("width", 0L, TimelineProblemKind.InvalidValue)]
    [InlineData("durationFrames", -1L, TimelineProblemKind.InvalidValue)]
    [InlineData("fps", 24L, TimelineProblemKind.UnknownProperty)]
    public void Set_BadCutValue_RefusedNamingTheProperty(string property, long value, TimelineProblemKind expected)
    {
        TimelineValue v = property == "rate" ? new FrameRate(value, 1) : new IntegerValue(value);

        var problem = Refused(Skeleton(), new SetProperty(CutId, property, v));

        Assert.Equal(expected, problem.Kind);
        Assert.Equal((CutId, property), (problem.Entity!.Value, problem.Property));
    }

    [Fact]
    public void Set_WrongValueType_Refused()
    {
        var problem = Refused(WithClips((0, 10)), new SetProperty(Id(100), "start", new NumberValue(1.5)));

        Assert.Equal(TimelineProblemKind.InvalidValue, problem.Kind);
        Assert.Contains("integer", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_NaNKeyframe_Refused()
    {
        var document = Apply(WithClips((0, 10)), Curve(Id(60), Id(100)), Key(Id(61), Id(60), 0, 1));

        Assert.Equal(TimelineProblemKind.InvalidValue, Refused(document, new SetProperty(Id(61), "value", new NumberValue(double.NaN))).Kind);
        Assert.Equal(TimelineProblemKind.InvalidValue, Refused(document, new SetProperty(Id(61), "frame", new NumberValue(double.PositiveInfinity))).Kind);
    }

    [Fact]
    public void Keyframes_SameFrameOrWrongKind_Refused()
    {
        var document = Apply(WithClips((0, 10)), Curve(Id(60), Id(100)), Key(Id(61), Id(60), 0, 1));

        Assert.Equal(TimelineProblemKind.KeyframeClash, Refused(document, Key(Id(62), Id(60), 0, 2)).Kind);
        Assert.Equal(TimelineProblemKind.InvalidValue, Refused(document, new SetProperty(Id(61), "value", new TextValue("x"))).Kind);
        Assert.Equal(TimelineProblemKind.InvalidValue, Refused(document, new SetProperty(Id(60), "valueKind", new TextValue("integer"))).Kind);
    }

    [Fact]
    public void Set_ThenInverse_RestoresTheDocument()
    {
        var before = WithClips((0, 10));
        var result = new SetProperty(Id(100), "binding:sampler/cfg", new ConstantBinding(new NumberValue(7.5))).Apply(before);

        Assert.True(result.Applied);
        Assert.IsType<ConstantBinding>(result.Document.Find<ClipEntity>(Id(100))!.Bindings["sampler/cfg"]);
        Assert.Equal(before, Apply(result.Document, result.Inverse));
    }

    [Fact]
    public void Set_BindingToMissingCurve_AcceptedAndReadsAsUnbound()
    {
        // Refusing it would make some inverses fail: undoing a rebind restores a binding whose curve may be gone.
        var document = Apply(WithClips((0, 10)), new SetProperty(Id(100), "binding:cfg", new CurveBinding(Id(77))));

        Assert.Null(document.CurveFor(Id(100), "cfg"));
    }

    [Fact]
    public void Delete_Parent_RefusedUntilChildrenAreGone_ThenDeleteTreeUndoes()
    {
        var document = Apply(WithClips((0, 10)), Curve(Id(60), Id(100)), Key(Id(61), Id(60), 0, 1));

        Assert.Equal(TimelineProblemKind.HasChildren, Refused(document, new DeleteEntity(document.Find(TrackId)!)).Kind);

        var deleted = TimelineCommands.DeleteTree(document, SceneId).ApplyTo(document);
        Assert.True(deleted.Applied);
        Assert.Equal([ProjectId], deleted.Document.Entities.Keys);
        Assert.Equal(document, Apply(deleted.Document, deleted.Inverse));
    }

    [Fact]
    public void Move_TrackUnderItsOwnClip_RefusedAndCutUnderTrackRefused()
    {
        var document = WithClips((0, 10));

        Assert.Equal(TimelineProblemKind.WrongParent, Refused(document, new MoveEntity(TrackId, Id(100), "V")).Kind);
        Assert.Equal(TimelineProblemKind.WrongParent, Refused(document, new MoveEntity(CutId, TrackId, "V")).Kind);
        Assert.Equal(TimelineProblemKind.InvalidOrderKey, Refused(document, new MoveEntity(TrackId, CutId, "V0")).Kind);
    }

    [Fact]
    public void Move_ClipToAnotherTrack_ChecksOverlapThere()
    {
        var document = Apply(WithClips((0, 10), (20, 10)), new CreateEntity(Track(Id(5), CutId, "W")), new CreateEntity(Clip(Id(50), 5, 10, track: Id(5))));

        Assert.Equal(TimelineProblemKind.Overlap, Refused(document, new MoveEntity(Id(50), TrackId, "V")).Kind);
        var moved = Apply(document, new SetProperty(Id(50), "start", new IntegerValue(10)), new MoveEntity(Id(50), TrackId, "V"));
        Assert.Equal([(0L, 10L), (10L, 20L), (20L, 30L)], Spans(moved, TrackId));
    }

    [Fact]
    public void Children_FollowOrderKeys()
    {
        var document = Apply(Skeleton(), new CreateEntity(Track(Id(5), CutId, OrderKeys.Between(null, "V"))), new CreateEntity(Track(Id(6), CutId, OrderKeys.Between("V", null))));

        Assert.Equal([Id(5), TrackId, Id(6)], document.Children(CutId).Select(e => e.Id));
    }

    [Fact]
    public void OrderKeyAt_NeighboursShareAKey_PlacesJustAfterThem()
    {
        // Two concurrent inserts both chose "V"; a third child asked for between them goes just after both.
        var document = Apply(Skeleton(), new CreateEntity(Track(Id(5), CutId, "V")), new CreateEntity(Track(Id(6), CutId, "X")));

        var key = document.OrderKeyAt(CutId, 1);
        var after = Apply(document, new CreateEntity(Track(Id(7), CutId, key)));

        Assert.Equal([TrackId, Id(5), Id(7), Id(6)], after.Children(CutId).Select(e => e.Id));
        Assert.Equal(Id(7), Apply(Skeleton(), new CreateEntity(Track(Id(7), CutId, Skeleton().OrderKeyAt(CutId, 0)))).Children(CutId)[0].Id);
    }

    [Fact]
    public void Batch_RefusedPart_LeavesNothingApplied()
    {
        var before = WithClips((0, 10));
        var batch = new OperationBatch([new SetProperty(Id(100), "name", new TextValue("renamed")), new SetProperty(Id(100), "duration", new IntegerValue(0))]);

        var result = batch.Apply(before);

        Assert.False(result.Applied);
        Assert.Equal("clip 0", before.Find<ClipEntity>(Id(100))!.Name);
    }

    [Fact]
    public void Batch_Empty_AppliesAsANoOp()
    {
        var before = Skeleton();

        Assert.Equal(before, Apply(before, new OperationBatch(default)));
        Assert.Equal(new OperationBatch([]), new OperationBatch(default));
    }

    [Fact]
    public void CurveFor_ResolvesABoundCurve_AndNullAfterTheCurveIsDeleted()
    {
        var document = Apply(WithClips((0, 10)), Curve(Id(60), Id(100)), new SetProperty(Id(100), "binding:sampler/cfg", new CurveBinding(Id(60))));

        Assert.Equal(Id(60), document.CurveFor(Id(100), "sampler/cfg")!.Id);
        var deleted = Apply(document, new DeleteEntity(document.Find(Id(60))!));
        Assert.Null(deleted.CurveFor(Id(100), "sampler/cfg"));
        Assert.Equal(240, deleted.CutDuration(CutId));
        Assert.Equal(10, deleted.ContentEnd(CutId));
    }

    internal static CreateEntity Curve(TimelineEntityId id, TimelineEntityId parent, CurveValueKind kind = CurveValueKind.Number) =>
        new(new CurveEntity { Id = id, ParentId = parent, OrderKey = "V", Parameter = "sampler/cfg", ValueKind = kind });

    internal static CreateEntity Key(TimelineEntityId id, TimelineEntityId curve, double frame, double value, KeyInterpolation? interpolation = null) =>
        new(new KeyframeEntity { Id = id, ParentId = curve, OrderKey = "V", Frame = frame, Value = new NumberValue(value), Interpolation = interpolation ?? KeyInterpolation.Linear });
}
