using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// ComfyUI's HTTP and WebSocket API as a client uses it (ComfyUI 0.3.x): submit, watch, fetch,
/// upload, cancel, introspect. Failures become <see cref="BackendException"/>s: unreachable
/// servers, 5xx and 429 are transient; validation and shape errors are permanent and say what
/// was wrong in ComfyUI's own words.
/// </summary>
public sealed partial class ComfyUiClient
{
    private readonly HttpClient _http;
    private readonly Uri _base;

    /// <param name="endpoint">The server, e.g. <c>http://127.0.0.1:8188/</c>; a path (a reverse proxy's prefix) is kept.</param>
    public ComfyUiClient(Uri endpoint, HttpClient http)
    {
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"a ComfyUI endpoint is an absolute http(s) address, not '{endpoint}'", nameof(endpoint));
        }

        Endpoint = endpoint;
        _base = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        _http = http;
    }

    public Uri Endpoint { get; }

    /// <summary>
    /// Queues a prompt under a client-chosen id. A 400 (nothing valid to run) is a permanent error
    /// naming each failing node, its class, the input and ComfyUI's message.
    /// </summary>
    /// <param name="prompt">The API-format prompt: <c>{id: {class_type, inputs}}</c>.</param>
    /// <param name="promptId">A lowercase UUID: newer ComfyUI builds accept no other form.</param>
    public async Task<ComfyUiSubmission> SubmitAsync(JsonObject prompt, string clientId, string promptId, CancellationToken cancellationToken)
    {
        const string route = "POST /prompt";
        var body = new JsonObject
        {
            ["prompt"] = prompt.DeepClone(),
            ["client_id"] = clientId,
            ["prompt_id"] = promptId,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, Route("prompt")) { Content = JsonContent(body) };
        using var response = await SendAsync(request, route, HttpCompletionOption.ResponseContentRead, allowBadRequest: true, cancellationToken);
        var root = ComfyUiJson.Parse(await response.Content.ReadAsStringAsync(cancellationToken), route);
        ComfyUiJson.Object(root, "(root)", route);
        var nodeErrors = ReadNodeErrors(root, route);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new BackendException(DescribeRejection(root, nodeErrors, route), transient: false);
        }

        var id = ComfyUiJson.String(ComfyUiJson.Required(root, "prompt_id", "prompt_id", route), "prompt_id", route);
        if (!string.Equals(id, promptId, StringComparison.Ordinal))
        {
            throw new BackendException($"ComfyUI {route} queued the prompt as '{id}' instead of the id Takt chose ('{promptId}')", transient: false);
        }

        var number = ComfyUiJson.Optional(root, "number") is { } n ? ComfyUiJson.Number(n, "number", route) : 0;
        return new ComfyUiSubmission(id, number, nodeErrors);
    }

    internal Uri Route(string relative) => new(_base, relative);

    internal Uri WebSocketRoute(string clientId)
    {
        var builder = new UriBuilder(Route("ws?clientId=" + Uri.EscapeDataString(clientId)))
        {
            Scheme = _base.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
        };
        return builder.Uri;
    }

    internal static StringContent JsonContent(JsonNode body) =>
        new(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    /// <summary>Sends a request and turns transport failures and error statuses into <see cref="BackendException"/>s.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string route, HttpCompletionOption completion, bool allowBadRequest, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new BackendException($"ComfyUI at {Endpoint} is unreachable ({route}): {e.Message}", transient: true, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackendException($"ComfyUI at {Endpoint} did not answer {route} in time", transient: true, e);
        }

        if (response.IsSuccessStatusCode || (allowBadRequest && response.StatusCode == HttpStatusCode.BadRequest))
        {
            return response;
        }

        using (response)
        {
            var text = await ReadExcerptAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            var transient = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
            var retryAfter = response.Headers.RetryAfter?.Delta;
            throw new BackendException($"ComfyUI {route} answered {status} {response.ReasonPhrase}: {text}", transient, retryAfter: retryAfter);
        }
    }

    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return ComfyUiJson.Excerpt(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException)
        {
            return "(no body)";
        }
    }

    private static List<ComfyUiNodeError> ReadNodeErrors(JsonElement root, string route)
    {
        var errors = new List<ComfyUiNodeError>();
        if (ComfyUiJson.Optional(root, "node_errors") is not { } nodeErrors)
        {
            return errors;
        }

        // An empty node_errors is sometimes a list rather than an object.
        if (nodeErrors.ValueKind == JsonValueKind.Array && nodeErrors.GetArrayLength() == 0)
        {
            return errors;
        }

        ComfyUiJson.Object(nodeErrors, "node_errors", route);
        foreach (var node in nodeErrors.EnumerateObject())
        {
            var field = $"node_errors.{node.Name}";
            ComfyUiJson.Object(node.Value, field, route);
            var classType = ComfyUiJson.OptionalString(node.Value, "class_type", $"{field}.class_type", route);
            var dependents = new List<string>();
            if (ComfyUiJson.Optional(node.Value, "dependent_outputs") is { } outputs)
            {
                foreach (var output in ComfyUiJson.Array(outputs, $"{field}.dependent_outputs", route).EnumerateArray())
                {
                    dependents.Add(ComfyUiJson.NodeId(output, $"{field}.dependent_outputs", route)!);
                }
            }

            var list = ComfyUiJson.Array(ComfyUiJson.Required(node.Value, "errors", $"{field}.errors", route), $"{field}.errors", route);
            foreach (var error in list.EnumerateArray())
            {
                ComfyUiJson.Object(error, $"{field}.errors[]", route);
                var input = ComfyUiJson.Optional(error, "extra_info") is { ValueKind: JsonValueKind.Object } extra
                    ? ComfyUiJson.OptionalString(extra, "input_name", $"{field}.errors[].extra_info.input_name", route)
                    : null;
                errors.Add(new ComfyUiNodeError(
                    node.Name,
                    classType,
                    ComfyUiJson.OptionalString(error, "type", $"{field}.errors[].type", route) ?? "unknown",
                    ComfyUiJson.OptionalString(error, "message", $"{field}.errors[].message", route) ?? "(no message)",
                    ComfyUiJson.OptionalString(error, "details", $"{field}.errors[].details", route),
                    input,
                    dependents));
            }
        }

        return errors;
    }

    private static string DescribeRejection(JsonElement root, IReadOnlyList<ComfyUiNodeError> nodeErrors, string route)
    {
        var text = new StringBuilder("ComfyUI rejected the prompt");
        if (ComfyUiJson.Optional(root, "error") is { } error)
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                text.Append(": ").Append(error.GetString());
            }
            else
            {
                ComfyUiJson.Object(error, "error", route);
                var type = ComfyUiJson.OptionalString(error, "type", "error.type", route);
                var message = ComfyUiJson.OptionalString(error, "message", "error.message", route);
                var details = ComfyUiJson.OptionalString(error, "details", "error.details", route);
                text.Append(": ").Append(message ?? type ?? "(no message)");
                if (!string.IsNullOrEmpty(details))
                {
                    text.Append(" (").Append(ComfyUiJson.Excerpt(details)).Append(')');
                }
            }
        }

        foreach (var nodeError in nodeErrors)
        {
            text.Append("; ").Append(nodeError);
        }

        return text.ToString();
    }
}
