using System.Net.Http.Headers;

namespace Takt.Engine.Backends.HostedVideo.Kling;

/// <summary>
/// Hands out Kling JWTs, making a new one when the current one has less than five minutes left
/// (a long poll loop outlives a token) or the key pair changed. The secret holds <c>ACCESS:SECRET</c>.
/// </summary>
internal sealed class KlingToken(ApiSecret secret, SecretRedactor redactor, TimeProvider time)
{
    private static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);
    private readonly Lock _lock = new();
    private (string Pair, string Jwt, DateTimeOffset Expires)? _current;

    public AuthenticationHeaderValue Header()
    {
        var pair = secret.Get();
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_current is not { } current || !string.Equals(current.Pair, pair, StringComparison.Ordinal) || current.Expires - now < RefreshBefore)
            {
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || colon == pair.Length - 1)
                {
                    throw new BackendException($"kling: {secret} must hold ACCESS_KEY:SECRET_KEY", transient: false);
                }

                redactor.Remember(pair[..colon]);
                redactor.Remember(pair[(colon + 1)..]);
                var jwt = redactor.Remember(KlingJwt.Create(pair[..colon], pair[(colon + 1)..], now));
                current = (pair, jwt, now + KlingJwt.Lifetime);
                _current = current;
            }

            return new AuthenticationHeaderValue("Bearer", current.Jwt);
        }
    }
}
