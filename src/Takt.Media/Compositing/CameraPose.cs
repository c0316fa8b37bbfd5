namespace Takt.Media.Compositing;

/// <summary>
/// The camera in one frame: the world point at the frame's centre, zoom (2 = twice as close) and
/// roll (degrees, clockwise). <see cref="Rest"/> for a frame of a given size shows the world 1:1.
/// </summary>
public sealed record CameraPose(double X, double Y, double Zoom = 1, double Rotation = 0)
{
    public static CameraPose Rest(int width, int height) => new(width / 2.0, height / 2.0);
}
