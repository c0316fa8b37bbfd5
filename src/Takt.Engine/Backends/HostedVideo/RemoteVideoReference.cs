using System.Text.Json;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.HostedVideo;

/// <summary>
/// Which remote video a stored video is, kept in the video's <see cref="PortValue.Inline"/> so a
/// later extend or remix on the same provider can name it. The blob is ours; the remote video
/// lives only as long as the provider keeps it (OpenAI's <c>expires_at</c>, Kling's retention).
/// </summary>
/// <param name="Provider">The backend kind that made it: <c>openai-video</c>, <c>kling</c>, <c>runway</c>.</param>
/// <param name="TaskId">The provider's job id (OpenAI video id, Kling task id, Runway task id).</param>
/// <param name="VideoId">The id of the video itself where the provider has a separate one (Kling's <c>videos[].id</c>).</param>
public sealed record RemoteVideoReference(string Provider, string TaskId, string? VideoId)
{
    public JsonElement ToJson() => JsonSerializer.SerializeToElement(new Dictionary<string, string?>
    {
        ["provider"] = Provider,
        ["taskId"] = TaskId,
        ["videoId"] = VideoId,
    });

    /// <summary>Reads the reference from a port value, or null when the value carries none.</summary>
    public static RemoteVideoReference? From(PortValue value)
    {
        if (value.Inline is not { ValueKind: JsonValueKind.Object } inline
            || !inline.TryGetProperty("provider", out var provider) || provider.ValueKind != JsonValueKind.String
            || !inline.TryGetProperty("taskId", out var task) || task.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var video = inline.TryGetProperty("videoId", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new RemoteVideoReference(provider.GetString()!, task.GetString()!, video);
    }
}
