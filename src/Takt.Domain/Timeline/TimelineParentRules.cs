namespace Takt.Domain.Timeline;

/// <summary>
/// Which kind may hold which: project → scene → cut → track → clip; curves under a cut, track or
/// clip (the thing they animate); keyframes under a curve. The chain is strict, so a kind never sits
/// below itself; moves still walk the ancestors, so the document can never hold a cycle even if
/// these rules grow.
/// </summary>
public static class TimelineParentRules
{
    /// <summary>The kinds a child of <paramref name="child"/>'s kind may sit under; empty for a project (a root).</summary>
    public static IReadOnlyList<EntityKind> ParentsOf(EntityKind child) => child switch
    {
        EntityKind.Project => [],
        EntityKind.Scene => [EntityKind.Project],
        EntityKind.Cut => [EntityKind.Scene],
        EntityKind.Track => [EntityKind.Cut],
        EntityKind.Clip => [EntityKind.Track],
        EntityKind.Curve => [EntityKind.Cut, EntityKind.Track, EntityKind.Clip],
        EntityKind.Keyframe => [EntityKind.Curve],
        _ => [],
    };

    public static bool Allows(EntityKind child, EntityKind? parent) =>
        parent is { } p ? ParentsOf(child).Contains(p) : child == EntityKind.Project;
}
