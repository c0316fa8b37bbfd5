using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Takt.Engine.Backends.HostedVideo;

/// <summary>
/// Turns a node invocation into a provider-neutral request: parameter values, input images read
/// from the blob store, and for extend and remix the remote id kept on the input video. Also
/// writes the request's non-secret fields as the provenance details.
/// </summary>
internal static class VideoRequestReader
{
    public sealed record Read(VideoRequest Request, IReadOnlyList<string> Ignored, JsonElement Details);

    public static async Task<Read> ReadAsync(
        NodeInvocation invocation, VideoOperation operation, IVideoProvider provider, string? configuredModel,
        INodeRunContext context, CancellationToken cancellationToken)
    {
        var ignored = new List<string>();
        var p = invocation.Parameters;
        var prompt = Text(p, "prompt") ?? "";
        if (prompt.Length == 0 && operation != VideoOperation.Extend)
        {
            throw new BackendException($"{invocation.Type.Name}: the prompt is empty", transient: false);
        }

        var negative = Text(p, "negative_prompt");
        if (negative is { Length: > 0 } && !provider.SupportsNegativePrompt)
        {
            ignored.Add($"negative_prompt ({provider.LineageName} has none)");
            negative = null;
        }

        var duration = Number(p, "duration");
        var size = Text(p, "size");
        var model = Text(p, "model") ?? configuredModel ?? provider.DefaultModel(operation);
        long? seed = Number(p, "seed") is { } s
            ? s is >= 0 and <= uint.MaxValue && s == Math.Floor(s) ? (long)s
                : throw new BackendException($"{invocation.Type.Name}: seed {s.ToString(CultureInfo.InvariantCulture)} is not a whole number in 0..4294967295", transient: false)
            : null;
        if (seed is not null && !provider.SupportsSeed)
        {
            ignored.Add($"seed ({provider.LineageName} offers no seed; the result is not reproducible)");
            seed = null;
        }

        InputImage? image = null, endImage = null;
        RemoteVideoReference? source = null;
        if (operation == VideoOperation.ImageToVideo)
        {
            image = await ImageAsync(invocation, HostedVideoNodeTypes.ImagePort, context, cancellationToken)
                ?? throw new BackendException($"{invocation.Type.Name}: the '{HostedVideoNodeTypes.ImagePort}' input is not connected", transient: false);
            endImage = await ImageAsync(invocation, HostedVideoNodeTypes.EndImagePort, context, cancellationToken);
            if (endImage is not null && !provider.SupportsEndImage)
            {
                throw new BackendException($"{invocation.Type.Name}: {provider.LineageName} takes no end frame; disconnect '{HostedVideoNodeTypes.EndImagePort}' or use Kling or Runway", transient: false);
            }
        }
        else if (operation is VideoOperation.Extend or VideoOperation.Remix)
        {
            source = Source(invocation, provider);
        }

        var request = new VideoRequest(operation, prompt, negative, duration, size, model, seed, image, endImage, source);
        return new Read(request, ignored, Details(invocation, request, ignored));
    }

    private static RemoteVideoReference Source(NodeInvocation invocation, IVideoProvider provider)
    {
        if (!invocation.Inputs.TryGetValue(HostedVideoNodeTypes.VideoPort, out var video))
        {
            throw new BackendException($"{invocation.Type.Name}: the '{HostedVideoNodeTypes.VideoPort}' input is not connected", transient: false);
        }

        var reference = RemoteVideoReference.From(video)
            ?? throw new BackendException(
                $"{invocation.Type.Name}: the input video carries no {provider.Kind} remote id; only a video made by a {provider.Kind} backend can be extended or remixed there",
                transient: false);
        return string.Equals(reference.Provider, provider.Kind, StringComparison.Ordinal)
            ? reference
            : throw new BackendException(
                $"{invocation.Type.Name}: the input video was made by {reference.Provider}, not {provider.Kind}; a provider can only continue its own videos",
                transient: false);
    }

    private static async Task<InputImage?> ImageAsync(NodeInvocation invocation, string port, INodeRunContext context, CancellationToken cancellationToken)
    {
        if (!invocation.Inputs.TryGetValue(port, out var value))
        {
            return null;
        }

        await using var stream = await context.OpenAsync(value, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        return new InputImage(bytes, value.MediaType ?? Sniff(bytes)
            ?? throw new BackendException($"{invocation.Type.Name}: the '{port}' input is neither PNG, JPEG nor WebP", transient: false));
    }

    private static string? Sniff(byte[] bytes) => bytes switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };

    private static JsonElement Details(NodeInvocation invocation, VideoRequest request, List<string> ignored)
    {
        var details = new JsonObject
        {
            ["operation"] = invocation.Type.Name,
            ["model"] = request.Model,
            ["prompt"] = request.Prompt,
        };
        if (request.NegativePrompt is { Length: > 0 } negative)
        {
            details["negative_prompt"] = negative;
        }

        if (request.Duration is { } duration)
        {
            details["duration"] = duration;
        }

        if (request.Size is { } size)
        {
            details["size"] = size;
        }

        if (request.Seed is { } seed)
        {
            details["seed"] = seed;
        }

        foreach (var port in new[] { HostedVideoNodeTypes.ImagePort, HostedVideoNodeTypes.EndImagePort, HostedVideoNodeTypes.VideoPort })
        {
            if (invocation.Inputs.TryGetValue(port, out var input))
            {
                details[$"{port}_content_hash"] = input.ContentHash;
            }
        }

        if (request.Source is { } source)
        {
            details["source_task_id"] = source.TaskId;
            if (source.VideoId is { } videoId)
            {
                details["source_video_id"] = videoId;
            }
        }

        if (ignored.Count > 0)
        {
            details["ignored"] = new JsonArray([.. ignored.Select(i => (JsonNode)i)]);
        }

        return JsonSerializer.SerializeToElement(details);
    }

    private static string? Text(IReadOnlyDictionary<string, JsonElement> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static double? Number(IReadOnlyDictionary<string, JsonElement> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
