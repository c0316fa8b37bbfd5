using Takt.Media.Frames;

namespace Takt.Media.Compositing;

/// <summary>
/// One layer in one frame: where its centre sits in the world (pixels; with the camera at rest the
/// world is the frame), its scale and rotation about that centre (degrees, clockwise), opacity,
/// blend mode, and depth for parallax: 1 moves with the world, below 1 lags behind the camera
/// (distant backgrounds), above 1 runs ahead of it (foreground), 0 is fixed to the screen.
/// </summary>
public sealed record LayerPlacement(
    RgbaImage Image,
    double X,
    double Y,
    double Scale = 1,
    double Rotation = 0,
    double Opacity = 1,
    BlendMode Blend = BlendMode.Normal,
    double Depth = 1);
