namespace Takt.Domain.Timeline;

/// <summary>What a track carries: picture layers, the camera, sound, or generations still to be made.</summary>
public enum TrackKind
{
    Video,
    Camera,
    Audio,
    Generation,
}
