using System.Net;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.HostedVideo;

/// <summary>
/// Copies a finished video into the blob store at once (result URLs expire within hours). The
/// bytes land in a temporary file first and are checked (length against Content-Length, MP4
/// structure) before anything is stored, so a cut-off or wrong download stores nothing and fails
/// transiently for the executor to retry.
/// </summary>
internal static class VideoDownload
{
    public static async Task<PortValue> StoreAsync(
        Func<CancellationToken, Task<HttpResponseMessage>> open, ProviderHttp http, INodeRunContext context, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await open(cancellationToken);
        }
        catch (BackendException e) when (e.Transient)
        {
            throw new BackendException($"{http.Provider}: the result download broke off before its body ({e.Message}); nothing was stored", transient: true, e, e.RetryAfter);
        }

        using (response)
        {
            return await StoreAsync(response, http, context, cancellationToken);
        }
    }

    private static async Task<PortValue> StoreAsync(
        HttpResponseMessage response, ProviderHttp http, INodeRunContext context, CancellationToken cancellationToken)
    {
        var provider = http.Provider;
        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            var expired = status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Gone;
            throw new BackendException(
                expired
                    ? $"{provider}: the result could not be downloaded (HTTP {(int)status}): its URL has expired or is gone"
                    : $"{provider}: the result download failed with HTTP {(int)status}",
                transient: expired || ProviderHttp.IsTransient(status),
                retryAfter: http.RetryAfter(response));
        }

        var expected = response.Content.Headers.ContentLength;
        var path = Path.Combine(Path.GetTempPath(), $"takt-video-{Guid.CreateVersion7():N}.mp4");
        await using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
        });
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await body.CopyToAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new BackendException(
                $"{provider}: the result download broke off after {file.Length} of {expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} bytes; nothing was stored",
                transient: true, e);
        }

        if (expected is { } want && file.Length != want)
        {
            throw new BackendException($"{provider}: the result download has {file.Length} bytes but Content-Length said {want}; nothing was stored", transient: true);
        }

        if (await Mp4Structure.ProblemAsync(file, cancellationToken) is { } problem)
        {
            throw new BackendException($"{provider}: the downloaded result is not a complete MP4 ({problem}); nothing was stored", transient: true);
        }

        file.Position = 0;
        return await context.StoreAsync(PortType.Video, "video/mp4", file, cancellationToken);
    }
}
