using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Takt.Engine.Backends.ComfyUi;

public sealed partial class ComfyUiClient
{
    /// <summary>
    /// Downloads an output file through <c>/view</c> into a temporary file that is deleted when the
    /// returned stream is disposed. The body must be as long as its Content-Length: a body cut
    /// short is a transient error and nothing of it is handed on, so no half file is ever stored.
    /// </summary>
    public async Task<Stream> DownloadAsync(ComfyUiOutputFile file, CancellationToken cancellationToken)
    {
        const string route = "GET /view";
        var query = $"view?filename={Uri.EscapeDataString(file.FileName)}&subfolder={Uri.EscapeDataString(file.Subfolder)}&type={Uri.EscapeDataString(file.Type)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, Route(query));
        using var response = await SendAsync(request, route, HttpCompletionOption.ResponseHeadersRead, allowBadRequest: false, cancellationToken);
        var expected = response.Content.Headers.ContentLength;
        var temp = new FileStream(Path.Combine(Path.GetTempPath(), $"takt-comfyui-{Guid.CreateVersion7():N}"), new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
        });
        try
        {
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await body.CopyToAsync(temp, cancellationToken);
            }
            catch (IOException e)
            {
                throw Truncated(file, temp.Length, expected, e);
            }
            catch (HttpRequestException e)
            {
                throw Truncated(file, temp.Length, expected, e);
            }

            if (expected is { } length && temp.Length != length)
            {
                throw Truncated(file, temp.Length, expected, null);
            }

            temp.Position = 0;
            return temp;
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Uploads an input file (<c>POST /upload/image</c>, also used for video and audio inputs) into
    /// ComfyUI's input folder. Uploading the same bytes under the same name again is harmless:
    /// ComfyUI returns the existing name when the content matches.
    /// </summary>
    public async Task<ComfyUiUpload> UploadAsync(Stream content, string fileName, string mediaType, CancellationToken cancellationToken)
    {
        const string route = "POST /upload/image";
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        form.Add(file, "image", fileName);
        form.Add(new StringContent("input"), "type");
        form.Add(new StringContent(""), "subfolder");
        form.Add(new StringContent("false"), "overwrite");
        using var request = new HttpRequestMessage(HttpMethod.Post, Route("upload/image")) { Content = form };
        using var response = await SendAsync(request, route, HttpCompletionOption.ResponseContentRead, allowBadRequest: false, cancellationToken);
        var root = ComfyUiJson.Parse(await response.Content.ReadAsStringAsync(cancellationToken), route);
        return ParseUpload(root, route);
    }

    private static ComfyUiUpload ParseUpload(JsonElement root, string route) => new(
        ComfyUiJson.String(ComfyUiJson.Required(root, "name", "name", route), "name", route),
        ComfyUiJson.OptionalString(root, "subfolder", "subfolder", route) ?? "",
        ComfyUiJson.OptionalString(root, "type", "type", route) ?? "input");

    private BackendException Truncated(ComfyUiOutputFile file, long received, long? expected, Exception? inner)
    {
        var of = expected is { } length ? string.Create(CultureInfo.InvariantCulture, $" of {length}") : "";
        return new BackendException(
            string.Create(CultureInfo.InvariantCulture, $"ComfyUI at {Endpoint} cut the download of '{file.FileName}' short: {received}{of} bytes arrived"),
            transient: true,
            inner);
    }
}
