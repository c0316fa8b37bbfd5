using Takt.Domain.Timeline;

namespace Takt.Domain.Tests.Timeline;

/// <summary>Deterministic ids and a small document: project → scene → cut (24000/1001, 1920×804) → one video track.</summary>
internal static class TimelineFixtures
{
    public static readonly TimelineEntityId ProjectId = Id(1);
    public static readonly TimelineEntityId SceneId = Id(2);
    public static readonly TimelineEntityId CutId = Id(3);
    public static readonly TimelineEntityId TrackId = Id(4);

    public static TimelineEntityId Id(int n) => new(new Guid(n, 0, 0, new byte[8]));

    public static TimelineDocument Skeleton() => Apply(TimelineDocument.Empty,
        new CreateEntity(new ProjectEntity { Id = ProjectId, OrderKey = "V", Name = "Film" }),
        new CreateEntity(new SceneEntity { Id = SceneId, ParentId = ProjectId, OrderKey = "V", Name = "Opening" }),
        new CreateEntity(new CutEntity { Id = CutId, ParentId = SceneId, OrderKey = "V", Name = "A", Rate = new FrameRate(24000, 1001), Width = 1920, Height = 804, DurationFrames = 240 }),
        new CreateEntity(Track(TrackId, CutId, "V")));

    public static TrackEntity Track(TimelineEntityId id, TimelineEntityId cut, string orderKey, bool locked = false) =>
        new() { Id = id, ParentId = cut, OrderKey = orderKey, Name = "V1", TrackKind = TrackKind.Video, Enabled = true, Locked = locked };

    public static ClipEntity Clip(TimelineEntityId id, long start, long duration, long sourceIn = 0, TimelineEntityId? track = null) =>
        new()
        {
            Id = id,
            ParentId = track ?? TrackId,
            OrderKey = "V",
            Name = $"clip {start}",
            Start = start,
            Duration = duration,
            SourceIn = sourceIn,
            Source = new RenderedSequenceSource("sha256:" + start, 1000),
        };

    /// <summary>The skeleton with clips laid on its track at the given (start, duration) pairs; ids 100, 101, ….</summary>
    public static TimelineDocument WithClips(params (long Start, long Duration)[] clips) =>
        Apply(Skeleton(), [.. clips.Select((c, i) => new CreateEntity(Clip(Id(100 + i), c.Start, c.Duration, sourceIn: 10)))]);

    public static TimelineDocument Apply(TimelineDocument document, params TimelineOperation[] operations)
    {
        var result = document.Replay(operations);
        Assert.True(result.Applied, result.Problem?.ToString());
        return result.Document;
    }

    public static TimelineProblem Refused(TimelineDocument document, TimelineOperation operation)
    {
        var result = operation.Apply(document);
        Assert.False(result.Applied, "expected the operation to be refused");
        return result.Problem;
    }

    public static IEnumerable<(long Start, long End)> Spans(TimelineDocument document, TimelineEntityId track) =>
        document.ClipsOf(track).Select(c => (c.Start, c.End));
}
