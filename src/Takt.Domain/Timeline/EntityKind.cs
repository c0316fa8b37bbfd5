namespace Takt.Domain.Timeline;

/// <summary>The kinds of entity a timeline document holds; <see cref="TimelineParentRules"/> says which may hold which.</summary>
public enum EntityKind
{
    Project,
    Scene,
    Cut,
    Track,
    Clip,
    Curve,
    Keyframe,
}
