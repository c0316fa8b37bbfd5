namespace Takt.Engine.Backends.HostedVideo;

/// <summary>What a hosted video node asks the provider to do.</summary>
public enum VideoOperation : byte
{
    TextToVideo,
    ImageToVideo,
    Extend,
    Remix,
}
