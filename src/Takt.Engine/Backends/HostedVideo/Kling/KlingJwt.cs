using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Takt.Engine.Backends.HostedVideo.Kling;

/// <summary>
/// Kling's bearer token: a JWT signed HS256 with the secret key, issued by the access key, valid
/// for 30 minutes and from 5 seconds ago (clock skew). Made here rather than with a JWT library:
/// it is one HMAC over two small JSON objects, with the member order fixed so tests can pin it.
/// </summary>
internal static class KlingJwt
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1800);
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(5);

    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");

    public static string Create(string accessKey, string secretKey, DateTimeOffset now)
    {
        var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", accessKey);
            writer.WriteNumber("exp", (now + Lifetime).ToUnixTimeSeconds());
            writer.WriteNumber("nbf", (now - Skew).ToUnixTimeSeconds());
            writer.WriteEndObject();
        }

        var signingInput = $"{Base64Url.EncodeToString(Header)}.{Base64Url.EncodeToString(payload.ToArray())}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }
}
