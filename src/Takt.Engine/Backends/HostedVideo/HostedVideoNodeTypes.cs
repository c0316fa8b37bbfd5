using System.Text.Json;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.HostedVideo;

/// <summary>
/// The node types every hosted video provider shares, one capability per operation, so a workflow
/// names what it wants (text to video) and the executor places it on any provider that offers it.
/// Parameters a provider lacks (a seed on OpenAI, a negative prompt on Runway) are ignored with a
/// log line and recorded in provenance, rather than failing a workflow written for another provider.
/// </summary>
public static class HostedVideoNodeTypes
{
    public const string TextToVideoName = "video.text-to-video";
    public const string ImageToVideoName = "video.image-to-video";
    public const string ExtendName = "video.extend";
    public const string RemixName = "video.remix";

    /// <summary>The output port every video node writes.</summary>
    public const string VideoPort = "video";

    /// <summary>The start-frame input of image to video.</summary>
    public const string ImagePort = "image";

    /// <summary>The optional end-frame input of image to video (Kling <c>image_tail</c>, Runway position <c>last</c>).</summary>
    public const string EndImagePort = "end_image";

    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement.Clone();
    private static readonly JsonElement Empty = JsonDocument.Parse("\"\"").RootElement.Clone();

    private static readonly ParameterSpec Prompt = new("prompt", ParameterKind.Text, Description: "What the video shows.");
    private static readonly ParameterSpec OptionalPrompt = new("prompt", ParameterKind.Text, Default: Empty, Description: "What the continuation shows.");
    private static readonly ParameterSpec NegativePrompt = new("negative_prompt", ParameterKind.Text, Default: Empty, Description: "What to avoid (Kling only; others ignore it).");
    private static readonly ParameterSpec Duration = new("duration", ParameterKind.Number, Default: Null, Min: 1, Max: 60, Description: "Seconds; null takes the provider's default. Each provider accepts its own values (OpenAI 4/8/12, Kling 5/10, Runway 5/10 or 4/6/8).");
    private static readonly ParameterSpec Size = new("size", ParameterKind.Text, Default: Null, Description: "Frame size as WxH (1280x720) or aspect W:H (16:9, 1280:720); each provider gets its own spelling.");
    private static readonly ParameterSpec Model = new("model", ParameterKind.Text, Default: Null, Description: "The provider's model; null takes the backend's configured model or the provider's default.");
    private static readonly ParameterSpec Seed = new("seed", ParameterKind.WholeNumber, Default: Null, Min: 0, Max: 4294967295, Description: "Runway only; providers without seeds ignore it and lineage records the result as unseeded.");

    private static readonly PortSpec VideoOut = new(VideoPort, PortType.Video, Description: "The generated MP4; its inline value keeps the provider's remote id for extend and remix.");

    public static NodeType TextToVideo { get; } = new(
        TextToVideoName, 1, TextToVideoName, [], [VideoOut],
        [Prompt, NegativePrompt, Duration, Size, Model, Seed], SeedSupport.Unsupported,
        "Generates a video from a prompt on a hosted provider.");

    public static NodeType ImageToVideo { get; } = new(
        ImageToVideoName, 1, ImageToVideoName,
        [new(ImagePort, PortType.Image, Description: "The first frame."), new(EndImagePort, PortType.Image, Optional: true, Description: "The last frame, where the provider supports one.")],
        [VideoOut],
        [Prompt, NegativePrompt, Duration, Size, Model, Seed], SeedSupport.Unsupported,
        "Animates an image on a hosted provider.");

    public static NodeType Extend { get; } = new(
        ExtendName, 1, ExtendName,
        [new(VideoPort, PortType.Video, Description: "A video made earlier by the same provider.")],
        [VideoOut],
        [OptionalPrompt, NegativePrompt, Duration, Model], SeedSupport.Unsupported,
        "Continues a video the same provider made earlier, by its remote id.");

    public static NodeType Remix { get; } = new(
        RemixName, 1, RemixName,
        [new(VideoPort, PortType.Video, Description: "A video made earlier by the same provider.")],
        [VideoOut],
        [Prompt], SeedSupport.Unsupported,
        "Re-renders a video the same provider made earlier with a changed prompt.");

    /// <summary>The node type for an operation.</summary>
    public static NodeType For(VideoOperation operation) => operation switch
    {
        VideoOperation.TextToVideo => TextToVideo,
        VideoOperation.ImageToVideo => ImageToVideo,
        VideoOperation.Extend => Extend,
        VideoOperation.Remix => Remix,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>The operation a node type name asks for, or null when it is not a hosted video type.</summary>
    public static VideoOperation? OperationOf(string nodeTypeName) => nodeTypeName switch
    {
        TextToVideoName => VideoOperation.TextToVideo,
        ImageToVideoName => VideoOperation.ImageToVideo,
        ExtendName => VideoOperation.Extend,
        RemixName => VideoOperation.Remix,
        _ => null,
    };
}
