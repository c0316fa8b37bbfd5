namespace Takt.Engine.Backends.HostedVideo;

/// <summary>
/// Reads the backend's API key through <see cref="ISecretSource"/> on each use, so a rotated key
/// takes effect without re-registering the backend. Only the secret's name ever appears in errors.
/// </summary>
internal sealed class ApiSecret(ISecretSource secrets, string? secretName, string backend, SecretRedactor redactor)
{
    public string Get() =>
        secretName is null
            ? throw new BackendException($"backend '{backend}' names no secret for its API key (set SecretName)", transient: false)
            : secrets.Get(secretName) is { Length: > 0 } value
                ? redactor.Remember(value)
                : throw new BackendException($"backend '{backend}': secret '{secretName}' is not configured", transient: false);

    public override string ToString() => $"secret '{secretName}'";
}
