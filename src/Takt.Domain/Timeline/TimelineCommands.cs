namespace Takt.Domain.Timeline;

/// <summary>
/// Edits that touch several entities at once, expanded against the current document into one
/// <see cref="OperationBatch"/> that applies atomically and inverts as a whole. The semantics follow
/// OpenTimelineIO's edit algorithms (overwrite/insert/slip/slide/ripple/roll), restated for clips
/// placed at absolute frames: a gap is simply frames without a clip. Commands refuse locked tracks.
/// </summary>
public static partial class TimelineCommands
{
    /// <summary>Deletes an entity and everything under it, children first.</summary>
    public static CommandResult DeleteTree(TimelineDocument document, TimelineEntityId id) =>
        document.Find(id) is null
            ? CommandResult.Refused(new(TimelineProblemKind.UnknownEntity, id, null, $"entity {id} does not exist"))
            : CommandResult.Of(document.SubtreeChildrenFirst(id).Select(e => new DeleteEntity(e)));

    /// <summary>Removes a clip (and its curves) and pulls every later clip on its track left by its duration, closing the hole.</summary>
    public static CommandResult RippleDelete(TimelineDocument document, TimelineEntityId clipId)
    {
        if (ClipOnUnlockedTrack(document, clipId, out var clip) is { } problem)
        {
            return CommandResult.Refused(problem);
        }

        var operations = new List<TimelineOperation>(document.SubtreeChildrenFirst(clipId).Select(e => new DeleteEntity(e)));

        // Earliest first: each clip moves into frames already vacated.
        foreach (var later in document.ClipsOf(clip.ParentId!.Value).Where(c => c.Start >= clip.End))
        {
            operations.Add(Frames(later.Id, "start", later.Start - clip.Duration));
        }

        return CommandResult.Of(operations);
    }

    /// <summary>
    /// Inserts a clip at its start frame and pushes every clip at or after that frame right by its
    /// duration. Refused when the frame falls inside a clip (split that clip first).
    /// </summary>
    public static CommandResult RippleInsert(TimelineDocument document, ClipEntity clip)
    {
        if (clip.ParentId is not { } trackId || document.Find<TrackEntity>(trackId) is not { } track)
        {
            return CommandResult.Refused(new(TimelineProblemKind.WrongParent, clip.Id, "parent", "a clip is inserted into an existing track"));
        }

        if (Unlocked(track) is { } locked)
        {
            return CommandResult.Refused(locked);
        }

        var clips = document.ClipsOf(trackId);
        if (clips.FirstOrDefault(c => c.Start < clip.Start && clip.Start < c.End) is { } inside)
        {
            return CommandResult.Refused(new(TimelineProblemKind.Overlap, clip.Id, "start",
                $"frame {clip.Start} falls inside clip {inside.Id} [{inside.Start}, {inside.End}); split it first"));
        }

        // Latest first: each clip moves into frames not yet taken.
        var operations = new List<TimelineOperation>();
        foreach (var later in clips.Where(c => c.Start >= clip.Start).Reverse())
        {
            operations.Add(Frames(later.Id, "start", later.Start + clip.Duration));
        }

        operations.Add(new CreateEntity(clip));
        return CommandResult.Of(operations);
    }

    /// <summary>
    /// Changes which frames of its source a clip shows, keeping its place and length: the in-point
    /// moves by <paramref name="delta"/>. Refused before frame 0 or, for a rendered sequence, past its last frame.
    /// </summary>
    public static CommandResult Slip(TimelineDocument document, TimelineEntityId clipId, long delta)
    {
        if (ClipOnUnlockedTrack(document, clipId, out var clip) is { } problem)
        {
            return CommandResult.Refused(problem);
        }

        var sourceIn = clip.SourceIn + delta;
        if (SourceProblem(clip, sourceIn, clip.Duration) is { } source)
        {
            return CommandResult.Refused(source);
        }

        return CommandResult.Of([Frames(clipId, "sourceIn", sourceIn)]);
    }

    private static TimelineProblem? SourceProblem(ClipEntity clip, long sourceIn, long duration)
    {
        if (sourceIn < 0)
        {
            return new(TimelineProblemKind.InvalidValue, clip.Id, "sourceIn", $"the source would start at frame {sourceIn}, before its first frame");
        }

        return clip.Source is RenderedSequenceSource sequence && sourceIn + duration > sequence.FrameCount
            ? new(TimelineProblemKind.InvalidValue, clip.Id, "sourceIn", $"the clip would run past the rendered sequence's {sequence.FrameCount} frames")
            : null;
    }

    private static SetProperty Frames(TimelineEntityId id, string property, long value) => new(id, property, new IntegerValue(value));

    private static TimelineProblem? ClipOnUnlockedTrack(TimelineDocument document, TimelineEntityId clipId, out ClipEntity clip)
    {
        clip = document.Find<ClipEntity>(clipId)!;
        if (clip is null)
        {
            return new(TimelineProblemKind.UnknownEntity, clipId, null, $"clip {clipId} does not exist");
        }

        return document.Find<TrackEntity>(clip.ParentId!.Value) is { } track ? Unlocked(track)
            : new(TimelineProblemKind.UnknownEntity, clipId, "parent", "the clip's track does not exist");
    }

    private static TimelineProblem? Unlocked(TrackEntity track) =>
        track.Locked ? new(TimelineProblemKind.Locked, track.Id, "locked", $"track '{track.Name}' is locked") : null;
}
