namespace Takt.Domain.Timeline.Rendering;

/// <summary>The camera of a cut: its camera track's curves, or at rest (the world shown 1:1) without one.</summary>
public sealed record CameraPlan(AnimatedNumber X, AnimatedNumber Y, AnimatedNumber Zoom, AnimatedNumber Rotation)
{
    public CameraFrame At(long frame) => new(X.At(frame), Y.At(frame), Zoom.At(frame), Rotation.At(frame));

    internal static CameraPlan Build(TimelineDocument document, CutEntity cut, TrackEntity? track, List<string> problems, List<string> warnings)
    {
        var rest = new CameraPlan(new(cut.Width / 2.0), new(cut.Height / 2.0), new(1), new(0));
        if (track is null)
        {
            return rest;
        }

        var where = $"camera track '{track.Name}'";
        var curves = CutPlan.Curves(document, track.Id, where, problems);
        foreach (var parameter in curves.Keys.Where(p => !LayerParameters.Camera.Contains(p)))
        {
            warnings.Add($"{where}: the curve '{parameter}' drives nothing (the camera animates {string.Join(", ", LayerParameters.Camera)})");
        }

        AnimatedNumber Read(string parameter, AnimatedNumber fallback) =>
            curves.TryGetValue(parameter, out var c) && c.Curve is not null ? fallback with { Curve = c.Curve } : fallback;

        var zoom = Read(LayerParameters.Zoom, rest.Zoom);
        return new CameraPlan(Read(LayerParameters.X, rest.X), Read(LayerParameters.Y, rest.Y), zoom, Read(LayerParameters.Rotation, rest.Rotation));
    }
}
