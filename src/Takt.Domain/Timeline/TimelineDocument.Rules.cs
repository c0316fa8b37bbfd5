namespace Takt.Domain.Timeline;

// The rules every document keeps after every operation. Checked on the document as it would be
// after the change, for the entity that changed, so a refused change is never half-applied.
public sealed partial class TimelineDocument
{
    /// <remarks>
    /// Curve bindings are not checked against the curves that exist: a curve can be deleted while
    /// bound (concurrently, or in a batch before its clip), and undoing a change to a binding must be
    /// able to restore a binding to a curve deleted since. A binding to a missing curve reads as
    /// unbound (<see cref="CurveFor"/>).
    /// </remarks>
    internal TimelineProblem? CheckInPlace(TimelineEntity entity)
    {
        if (entity.Check() is { } own)
        {
            return own;
        }

        return CheckParent(entity) ?? entity switch
        {
            ClipEntity clip => CheckOverlap(clip),
            KeyframeEntity key => CheckKeyframe(key, Find<CurveEntity>(key.ParentId!.Value)!),
            CurveEntity curve => KeyframesOf(curve.Id).Select(k => CheckKeyframe(k, curve)).FirstOrDefault(p => p is not null),
            _ => null,
        };
    }

    private TimelineProblem? CheckParent(TimelineEntity entity)
    {
        var kind = TimelineNames.Of(entity.Kind);
        if (entity.ParentId is not { } parentId)
        {
            return TimelineParentRules.Allows(entity.Kind, null) ? null
                : new(TimelineProblemKind.WrongParent, entity.Id, "parent", $"a {kind} needs a parent ({Allowed(entity.Kind)})");
        }

        if (Find(parentId) is not { } parent)
        {
            return new(TimelineProblemKind.UnknownEntity, entity.Id, "parent", $"the parent {parentId} does not exist");
        }

        if (!TimelineParentRules.Allows(entity.Kind, parent.Kind))
        {
            var under = TimelineParentRules.ParentsOf(entity.Kind).Count == 0 ? "no parent" : Allowed(entity.Kind);
            return new(TimelineProblemKind.WrongParent, entity.Id, "parent", $"a {kind} sits under {under}, not under a {TimelineNames.Of(parent.Kind)}");
        }

        return Ancestors(entity.Id).Any(a => a.Id == entity.Id)
            ? new(TimelineProblemKind.Cycle, entity.Id, "parent", $"moving under {parentId} would make the {kind} its own ancestor")
            : null;
    }

    private TimelineProblem? CheckOverlap(ClipEntity clip)
    {
        foreach (var other in ChildEntities(clip.ParentId).OfType<ClipEntity>())
        {
            if (other.Id != clip.Id && other.Start < clip.End && clip.Start < other.End)
            {
                return new(TimelineProblemKind.Overlap, clip.Id, "start",
                    $"frames [{clip.Start}, {clip.End}) overlap clip {other.Id} at [{other.Start}, {other.End}) on track {clip.ParentId}");
            }
        }

        return null;
    }

    private TimelineProblem? CheckKeyframe(KeyframeEntity key, CurveEntity curve)
    {
        var fits = (curve.ValueKind, key.Value) switch
        {
            (CurveValueKind.Number, NumberValue) => true,
            (CurveValueKind.Integer, IntegerValue) => true,
            (CurveValueKind.Enum or CurveValueKind.Text, TextValue) => true,
            _ => false,
        };
        if (!fits)
        {
            return new(TimelineProblemKind.InvalidValue, key.Id, "value", $"a {TimelineNames.Of(curve.ValueKind)} curve cannot hold a {key.Value.TypeName} key");
        }

        // Only numbers interpolate; other kinds hold each value until the next key.
        if (curve.ValueKind != CurveValueKind.Number && key.Interpolation.Kind != InterpolationKind.Constant)
        {
            return new(TimelineProblemKind.InvalidValue, key.Id, "interpolation", $"a {TimelineNames.Of(curve.ValueKind)} curve's keys are constant");
        }

        foreach (var other in ChildEntities(key.ParentId).OfType<KeyframeEntity>())
        {
            if (other.Id != key.Id && other.Frame.Equals(key.Frame))
            {
                return new(TimelineProblemKind.KeyframeClash, key.Id, "frame", $"keyframe {other.Id} is already at frame {key.Frame} of curve {curve.Id}");
            }
        }

        return null;
    }

    private static string Allowed(EntityKind kind) => string.Join(" or ", TimelineParentRules.ParentsOf(kind).Select(k => "a " + TimelineNames.Of(k)));
}
