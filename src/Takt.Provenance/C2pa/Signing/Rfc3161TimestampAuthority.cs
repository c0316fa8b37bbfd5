using System.Formats.Asn1;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// An RFC 3161 client over HTTP (RFC 3161 §3.4): POSTs a SHA-256 TimeStampReq with a random nonce
/// and certReq set, checks the reply's status, nonce and imprint, and returns the token's DER exactly
/// as the TSA sent it (re-encoding could change bytes a verifier hashes).
/// </summary>
/// <remarks>
/// The HttpClient is injected so its lifetime, proxy and <see cref="HttpClient.Timeout"/> belong to
/// the host; a timeout surfaces as a <see cref="TimestampAuthorityException"/>, not a bare cancellation.
/// certReq is set because C2PA verifiers look for the TSA certificate inside the token.
/// </remarks>
public sealed class Rfc3161TimestampAuthority : ITimestampAuthority
{
    public const string QueryMediaType = "application/timestamp-query";
    public const string ReplyMediaType = "application/timestamp-reply";

    /// <summary>Real replies are a few kilobytes; a larger body is not a time-stamp reply.</summary>
    private const int MaxReplyBytes = 1024 * 1024;

    private readonly HttpClient _httpClient;

    public Rfc3161TimestampAuthority(HttpClient httpClient, Uri url)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(url);
        _httpClient = httpClient;
        Url = url;
    }

    public Uri Url { get; }

    public async Task<byte[]> StampAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var request = Rfc3161TimestampRequest.CreateFromData(
            data.Span, HashAlgorithmName.SHA256, requestedPolicyId: null, nonce: NewNonce(), requestSignerCertificates: true);
        var body = await PostAsync(request.Encode(), cancellationToken);

        TimeStampReply reply;
        try
        {
            reply = TimeStampReply.Parse(body);
        }
        catch (AsnContentException e)
        {
            throw Fail($"the reply is not a DER TimeStampResp ({e.Message})", e);
        }

        if (!reply.IsGranted)
        {
            throw Fail($"the request was not granted: {reply.Describe()}");
        }

        if (reply.Token is not { } token)
        {
            throw Fail($"the reply grants the request ({reply.Describe()}) but carries no time-stamp token");
        }

        try
        {
            // Checks the nonce, the message imprint and that the TSA certificate was included.
            _ = request.ProcessResponse(body, out _);
        }
        catch (CryptographicException e)
        {
            throw Fail($"the time-stamp token does not answer this request ({e.Message})", e);
        }

        return token.ToArray();
    }

    private async Task<byte[]> PostAsync(byte[] query, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(query);
        content.Headers.ContentType = new MediaTypeHeaderValue(QueryMediaType);
        try
        {
            using var response = await _httpClient.PostAsync(Url, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Fail($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!string.Equals(mediaType, ReplyMediaType, StringComparison.OrdinalIgnoreCase))
            {
                throw Fail($"the reply's Content-Type is '{mediaType ?? "(none)"}', not {ReplyMediaType}");
            }

            return await ReadLimitedAsync(response.Content, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw Fail($"the request failed ({e.Message})", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own Timeout as a cancellation the caller never asked for.
            throw Fail($"no reply within {_httpClient.Timeout.TotalSeconds:0.###} s", e);
        }
    }

    private async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxReplyBytes)
        {
            throw Fail($"the reply is {content.Headers.ContentLength} bytes, over the {MaxReplyBytes}-byte limit");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxReplyBytes)
            {
                throw Fail($"the reply is over the {MaxReplyBytes}-byte limit");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>64 random bits with the top bit clear: the nonce is a DER INTEGER and must stay positive.</summary>
    private static byte[] NewNonce()
    {
        var nonce = RandomNumberGenerator.GetBytes(8);
        nonce[0] &= 0x7F;
        return nonce;
    }

    private TimestampAuthorityException Fail(string problem, Exception? inner = null)
    {
        var message = $"Time-stamp authority {Url}: {problem}.";
        return inner is null ? new TimestampAuthorityException(message) : new TimestampAuthorityException(message, inner);
    }
}
