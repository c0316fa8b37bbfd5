using System.Collections.Concurrent;

namespace Takt.Engine.Backends.HostedVideo;

/// <summary>
/// The secrets a backend has handed to its provider (API keys, Kling's access and secret keys,
/// the JWTs made from them). Messages are built without them in the first place; this is the
/// second line, for a provider that echoes a credential back in its error text.
/// </summary>
internal sealed class SecretRedactor
{
    private const string Mask = "[redacted]";
    private readonly ConcurrentDictionary<string, byte> _secrets = new(StringComparer.Ordinal);

    public string Remember(string secret)
    {
        // Very short values would redact ordinary words; no real key is that short.
        if (secret.Length >= 8)
        {
            _secrets.TryAdd(secret, 0);
        }

        return secret;
    }

    public string Redact(string text)
    {
        foreach (var secret in _secrets.Keys)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    public bool Contains(string text) => _secrets.Keys.Any(s => text.Contains(s, StringComparison.Ordinal));
}
