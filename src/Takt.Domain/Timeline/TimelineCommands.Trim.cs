namespace Takt.Domain.Timeline;

// Roll and slide: edits that move a boundary between neighbouring clips. Steps are ordered so a
// clip always shrinks before its neighbour grows, so no step of the batch overlaps.
public static partial class TimelineCommands
{
    /// <summary>
    /// Moves the cut point between two adjacent clips by <paramref name="delta"/> frames: the left
    /// clip's out-point and the right clip's in-point move together; nothing else on the track moves.
    /// </summary>
    public static CommandResult Roll(TimelineDocument document, TimelineEntityId leftId, TimelineEntityId rightId, long delta)
    {
        if (ClipOnUnlockedTrack(document, leftId, out var left) is { } leftProblem)
        {
            return CommandResult.Refused(leftProblem);
        }

        if (ClipOnUnlockedTrack(document, rightId, out var right) is { } rightProblem)
        {
            return CommandResult.Refused(rightProblem);
        }

        if (left.ParentId != right.ParentId || left.End != right.Start)
        {
            return CommandResult.Refused(new(TimelineProblemKind.NotAdjacent, rightId, "start", $"clip {rightId} does not start where clip {leftId} ends on the same track"));
        }

        if (left.Duration + delta < 1 || right.Duration - delta < 1)
        {
            return CommandResult.Refused(new(TimelineProblemKind.InvalidValue, delta > 0 ? rightId : leftId, "duration", $"rolling by {delta} would leave a clip with no frames"));
        }

        if (SourceProblem(right, right.SourceIn + delta, right.Duration - delta) is { } source)
        {
            return CommandResult.Refused(source);
        }

        return CommandResult.Of(delta >= 0
            ? [.. TrimHead(right, delta), Frames(leftId, "duration", left.Duration + delta)]
            : [Frames(leftId, "duration", left.Duration + delta), .. TrimHead(right, delta)]);
    }

    /// <summary>
    /// Moves a clip by <paramref name="delta"/> frames between its neighbours, keeping the content it
    /// shows: the adjacent clip before it grows or shrinks at its end, the adjacent clip after it at its
    /// start, so the track's total length is unchanged. A side with a gap instead of a clip takes up the move.
    /// </summary>
    public static CommandResult Slide(TimelineDocument document, TimelineEntityId clipId, long delta)
    {
        if (ClipOnUnlockedTrack(document, clipId, out var clip) is { } problem)
        {
            return CommandResult.Refused(problem);
        }

        var clips = document.ClipsOf(clip.ParentId!.Value);
        var before = clips.FirstOrDefault(c => c.End == clip.Start && c.Id != clip.Id);
        var after = clips.FirstOrDefault(c => c.Start == clip.End && c.Id != clip.Id);
        if (clip.Start + delta < 0 || (before is not null && before.Duration + delta < 1) || (after is not null && after.Duration - delta < 1))
        {
            return CommandResult.Refused(new(TimelineProblemKind.InvalidValue, clipId, "start", $"sliding by {delta} would leave a neighbour with no frames or start before frame 0"));
        }

        if (after is not null && SourceProblem(after, after.SourceIn + delta, after.Duration - delta) is { } source)
        {
            return CommandResult.Refused(source);
        }

        var move = Frames(clipId, "start", clip.Start + delta);
        IEnumerable<TimelineOperation> grow = before is null ? [] : [Frames(before.Id, "duration", before.Duration + delta)];
        IEnumerable<TimelineOperation> trim = after is null ? [] : TrimHead(after, delta);
        return CommandResult.Of(delta >= 0 ? [.. trim, move, .. grow] : [.. grow, move, .. trim]);
    }

    /// <summary>Moves a clip's head by <paramref name="delta"/> frames, its end staying put: the shrinking step comes first.</summary>
    private static IEnumerable<TimelineOperation> TrimHead(ClipEntity clip, long delta)
    {
        var duration = Frames(clip.Id, "duration", clip.Duration - delta);
        var start = Frames(clip.Id, "start", clip.Start + delta);
        var sourceIn = Frames(clip.Id, "sourceIn", clip.SourceIn + delta);

        // Later head: shorten, then move right. Earlier head: move left, then lengthen.
        return delta >= 0 ? [duration, start, sourceIn] : [sourceIn, start, duration];
    }
}
