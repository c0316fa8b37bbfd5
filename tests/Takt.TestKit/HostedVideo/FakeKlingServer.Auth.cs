using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Takt.TestKit.HostedVideo;

public sealed partial class FakeKlingServer
{
    /// <summary>Checks the JWT as Kling does: HS256 signature over the secret key, iss, nbf, exp. Null when it is good.</summary>
    private IResult? Unauthorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Envelope(401, 1001, "Authorization is empty");
        }

        var token = header["Bearer ".Length..];
        _tokens.Enqueue(token);
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return Envelope(401, 1002, "Authorization is invalid");
        }

        var expected = HMACSHA256.HashData(_secretKey, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        byte[] signature, headerJson, payloadJson;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
            headerJson = Base64Url.DecodeFromChars(parts[0]);
            payloadJson = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return Envelope(401, 1002, "Authorization is invalid");
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return Envelope(401, 1002, "Authorization signature is invalid");
        }

        try
        {
            using var head = JsonDocument.Parse(headerJson);
            using var payload = JsonDocument.Parse(payloadJson);
            if (!head.RootElement.TryGetProperty("alg", out var alg) || !string.Equals(alg.GetString(), "HS256", StringComparison.Ordinal))
            {
                return Envelope(401, 1002, "Authorization algorithm must be HS256");
            }

            var claims = payload.RootElement;
            if (!claims.TryGetProperty("iss", out var iss) || !string.Equals(iss.GetString(), _accessKey, StringComparison.Ordinal))
            {
                return Envelope(401, 1002, "Authorization issuer is not a known access key");
            }

            var now = Time.GetUtcNow().ToUnixTimeSeconds();
            if (!claims.TryGetProperty("nbf", out var nbf) || nbf.GetInt64() > now)
            {
                return Envelope(401, 1003, "Authorization is not yet valid");
            }

            if (!claims.TryGetProperty("exp", out var exp) || exp.GetInt64() <= now)
            {
                return Envelope(401, 1004, "Authorization has expired");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return Envelope(401, 1002, "Authorization is invalid");
        }

        return null;
    }
}
