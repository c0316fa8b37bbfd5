namespace Takt.Domain.Timeline.Rendering;

/// <summary>
/// One layer of one output frame, evaluated: which clip, which frame of its source, and where it
/// sits (centre in world pixels, scale, clockwise degrees, opacity, parallax depth, blend mode).
/// </summary>
public sealed record LayerFrame(
    int Layer,
    long SourceFrame,
    double X,
    double Y,
    double Scale,
    double Rotation,
    double Opacity,
    double Depth,
    string Blend);

/// <summary>The camera in one output frame: the world point at the frame's centre, zoom and roll.</summary>
public sealed record CameraFrame(double X, double Y, double Zoom, double Rotation);
