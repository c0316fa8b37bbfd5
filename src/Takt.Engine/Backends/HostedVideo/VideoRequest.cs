namespace Takt.Engine.Backends.HostedVideo;

/// <summary>One node's request in provider-neutral terms; each provider maps it to its own fields.</summary>
/// <param name="Size">As the node gave it (WxH or W:H); the provider converts.</param>
/// <param name="Source">The earlier video an extend or remix continues.</param>
internal sealed record VideoRequest(
    VideoOperation Operation,
    string Prompt,
    string? NegativePrompt,
    double? Duration,
    string? Size,
    string Model,
    long? Seed,
    InputImage? Image,
    InputImage? EndImage,
    RemoteVideoReference? Source);

/// <summary>An input image's bytes, read from the blob store, and its media type.</summary>
internal sealed record InputImage(byte[] Bytes, string MediaType)
{
    public string Base64 => Convert.ToBase64String(Bytes);

    public string DataUri => $"data:{MediaType};base64,{Base64}";
}
