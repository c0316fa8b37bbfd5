namespace Takt.Domain.Timeline.Rendering;

/// <summary>
/// The curve parameters a picture layer and the camera answer to. A layer's <c>x</c>/<c>y</c> is
/// where its centre sits in the world (pixels; at rest the frame's centre), <c>scale</c> and
/// <c>rotation</c> (clockwise degrees) turn it about that centre, <c>opacity</c> runs 0–1,
/// <c>depth</c> is parallax (1 moves with the world, 0 is fixed to the screen), <c>blend</c> a
/// text curve. The camera track's <c>x</c>/<c>y</c> is the world point at the frame's centre,
/// with <c>zoom</c> and <c>rotation</c>.
/// </summary>
public static class LayerParameters
{
    public const string X = "x";
    public const string Y = "y";
    public const string Scale = "scale";
    public const string Rotation = "rotation";
    public const string Opacity = "opacity";
    public const string Depth = "depth";
    public const string Blend = "blend";
    public const string Zoom = "zoom";

    public static readonly IReadOnlyList<string> All = [X, Y, Scale, Rotation, Opacity, Depth, Blend];

    public static readonly IReadOnlyList<string> Camera = [X, Y, Zoom, Rotation];

    public static readonly IReadOnlyList<string> BlendModes = ["normal", "add", "multiply", "screen"];
}
