using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Takt.Engine.Backends.HostedVideo;

/// <summary>Maps a provider's error response (status, parsed body if JSON, raw text, Retry-After) to a backend failure.</summary>
internal delegate BackendException ProviderErrorMapper(HttpStatusCode status, JsonElement? body, string text, TimeSpan? retryAfter);

/// <summary>A successful JSON reply and its headers (OpenAI's poll-after lives there).</summary>
internal sealed record JsonReply(JsonElement Body, HttpResponseHeaders Headers);

/// <summary>
/// The HTTP plumbing the three providers share: relative paths under the configured base, the
/// provider's auth on every API call (never on result URLs, which are pre-signed and may be
/// another host), network failures and 5xx as transient, and error bodies in the provider's words.
/// Messages name the method and path only: headers, where the key travels, are never quoted.
/// </summary>
internal sealed class ProviderHttp(
    HttpClient http,
    Uri baseUri,
    string provider,
    Func<CancellationToken, ValueTask<AuthenticationHeaderValue>> authorize,
    ProviderErrorMapper mapError,
    TimeProvider time,
    IReadOnlyDictionary<string, string>? extraHeaders = null)
{
    private readonly Uri _base = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");

    public string Provider => provider;

    public Uri Resolve(string path) => new(_base, path.TrimStart('/'));

    public async Task<JsonReply> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Resolve(path)) { Content = content };
        request.Headers.Authorization = await authorize(cancellationToken);
        foreach (var (name, value) in extraHeaders ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await SendRawAsync(request, $"{method} /{path.TrimStart('/')}", cancellationToken);
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new BackendException($"{provider}: {method} /{path.TrimStart('/')}: the response broke off ({e.Message})", transient: true, e);
        }

        var body = TryParse(text);
        if (!response.IsSuccessStatusCode)
        {
            throw mapError(response.StatusCode, body, text, RetryAfter(response));
        }

        if (body is null)
        {
            throw new BackendException(
                $"{provider}: {method} /{path.TrimStart('/')} answered HTTP {(int)response.StatusCode} with a body that is not JSON ({text.Length} chars: '{Snippet(text)}')",
                transient: true);
        }

        return new JsonReply(body.Value, response.Headers);
    }

    /// <summary>Sends without auth (pre-signed result URLs) or with it (OpenAI's content endpoint); the caller owns the response.</summary>
    public async Task<HttpResponseMessage> GetStreamAsync(Uri url, bool authorized, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (authorized)
        {
            request.Headers.Authorization = await authorize(cancellationToken);
        }

        return await SendRawAsync(request, $"GET {url.AbsolutePath}", cancellationToken);
    }

    /// <summary>Sends a request with auth and the extra headers, for calls whose reply is not JSON; the caller owns the response.</summary>
    public async Task<HttpResponseMessage> SendWithAuthAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = await authorize(cancellationToken);
        return await SendRawAsync(request, $"{request.Method} {request.RequestUri?.AbsolutePath}", cancellationToken);
    }

    public TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The common shape of a provider error: status, the provider's words, transient for 429/5xx.</summary>
    public BackendException Error(HttpStatusCode status, string detail, TimeSpan? retryAfter, bool? transient = null) =>
        new($"{provider}: HTTP {(int)status}: {detail}", transient ?? IsTransient(status), retryAfter: retryAfter);

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    public static string Snippet(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new BackendException($"{provider}: {what} failed: {e.Message}", transient: true, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackendException($"{provider}: {what} timed out", transient: true, e);
        }
    }

    private static JsonElement? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
