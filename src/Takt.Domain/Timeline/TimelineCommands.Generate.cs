namespace Takt.Domain.Timeline;

public static partial class TimelineCommands
{
    /// <summary>The built-in workflow an in-between fill runs (cross-fade now; a learned interpolator where one is installed).</summary>
    public const string FillWorkflow = "takt:fill";

    /// <summary>The workflow node an extension's previous frame goes into, and a fill's two ends.</summary>
    public const string PreviousNode = "previous";

    /// <summary>
    /// Extends a clip with a new generation clip right after it on the same track, made by
    /// <paramref name="workflow"/> with its node <c>previous</c> given the clip's last frame: chained
    /// segments, each conditioned on the one before (how long shots are made with video models).
    /// The clip's own bindings are carried over when it is a generation of the same workflow.
    /// Refused where the frames after the clip are taken.
    /// </summary>
    public static CommandResult Extend(TimelineDocument document, TimelineEntityId clipId, string workflow, long frames, TimelineEntityId newClip, string? name = null)
    {
        if (ClipOnUnlockedTrack(document, clipId, out var clip) is { } problem)
        {
            return CommandResult.Refused(problem);
        }

        if (frames < 1)
        {
            return CommandResult.Refused(new(TimelineProblemKind.InvalidValue, clipId, "duration", "an extension lasts at least one frame"));
        }

        var track = clip.ParentId!.Value;
        if (Taken(document, track, clip.End, clip.End + frames) is { } blocker)
        {
            return CommandResult.Refused(new(TimelineProblemKind.Overlap, clipId, "end",
                $"frames [{clip.End}, {clip.End + frames}) are taken by clip '{blocker.Name}' [{blocker.Start}, {blocker.End}); move it or extend by fewer frames"));
        }

        var bindings = clip.Source is GenerationSource own && own.Workflow == workflow ? clip.Bindings : clip.Bindings.Clear();
        var extension = new ClipEntity
        {
            Id = newClip,
            ParentId = track,
            OrderKey = document.OrderKeyAt(track, document.Children(track).Count),
            Name = name ?? $"{clip.Name} +{frames}",
            Start = clip.End,
            Duration = frames,
            SourceIn = 0,
            Source = new GenerationSource(workflow),
            Bindings = bindings.SetItem($"{PreviousNode}.frame", new ConstantBinding(new FrameReference(clipId, Last: true).ToValue())),
        };
        return CommandResult.Of([new CreateEntity(extension)]);
    }

    /// <summary>
    /// Fills the gap between two clips of one track with in-betweens (中割り): a generation clip
    /// running <see cref="FillWorkflow"/> from the left clip's last frame to the right one's first,
    /// its blend weight a linear curve that reaches neither end (t = (i + 1) / (n + 1)).
    /// </summary>
    public static CommandResult Fill(TimelineDocument document, TimelineEntityId leftId, TimelineEntityId rightId, TimelineEntityId newClip, TimelineEntityId newCurve, TimelineEntityId firstKey, TimelineEntityId lastKey)
    {
        if (ClipOnUnlockedTrack(document, leftId, out var left) is { } leftProblem)
        {
            return CommandResult.Refused(leftProblem);
        }

        if (ClipOnUnlockedTrack(document, rightId, out var right) is { } rightProblem)
        {
            return CommandResult.Refused(rightProblem);
        }

        if (left.ParentId != right.ParentId || right.Start <= left.End)
        {
            return CommandResult.Refused(new(TimelineProblemKind.NotAdjacent, rightId, "start",
                $"a fill goes between two clips of one track with a gap between them; '{left.Name}' ends at {left.End} and '{right.Name}' starts at {right.Start}"));
        }

        var track = left.ParentId!.Value;
        if (Taken(document, track, left.End, right.Start) is { } blocker)
        {
            return CommandResult.Refused(new(TimelineProblemKind.Overlap, rightId, "start", $"clip '{blocker.Name}' already sits between them"));
        }

        var frames = right.Start - left.End;
        var clip = new ClipEntity
        {
            Id = newClip,
            ParentId = track,
            OrderKey = document.OrderKeyAt(track, document.Children(track).Count),
            Name = $"fill {left.Name} → {right.Name}",
            Start = left.End,
            Duration = frames,
            SourceIn = 0,
            Source = new GenerationSource(FillWorkflow),
        };
        clip = clip with
        {
            Bindings = clip.Bindings
                .SetItem("from.frame", new ConstantBinding(new FrameReference(leftId, Last: true).ToValue()))
                .SetItem("to.frame", new ConstantBinding(new FrameReference(rightId, Last: false).ToValue()))
                .SetItem("mix.t", new CurveBinding(newCurve)),
        };
        var curve = new CurveEntity { Id = newCurve, ParentId = newClip, OrderKey = OrderKeys.First, Parameter = "t", ValueKind = CurveValueKind.Number };
        return CommandResult.Of(
        [
            new CreateEntity(clip),
            new CreateEntity(curve),
            new CreateEntity(new KeyframeEntity { Id = firstKey, ParentId = newCurve, OrderKey = OrderKeys.Between(null, null), Frame = -1, Value = new NumberValue(0), Interpolation = KeyInterpolation.Linear }),
            new CreateEntity(new KeyframeEntity { Id = lastKey, ParentId = newCurve, OrderKey = OrderKeys.Between(OrderKeys.Between(null, null), null), Frame = frames, Value = new NumberValue(1), Interpolation = KeyInterpolation.Linear }),
        ]);
    }

    private static ClipEntity? Taken(TimelineDocument document, TimelineEntityId track, long start, long end) =>
        document.ClipsOf(track).FirstOrDefault(c => c.Start < end && start < c.End);
}
