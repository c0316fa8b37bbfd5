namespace Takt.Engine.Backends;

/// <summary>
/// A backend could not run a node. <see cref="Transient"/> failures (connection refused, 429,
/// 5xx, a stalled socket) are retried with backoff; permanent ones (a validation error, a
/// content-policy refusal, an exception inside the node) fail the node with
/// <see cref="Exception.Message"/>, which carries the backend's own words.
/// </summary>
public sealed class BackendException(string message, bool transient, Exception? inner = null, TimeSpan? retryAfter = null)
    : Exception(message, inner)
{
    public bool Transient { get; } = transient;

    /// <summary>How long the backend asked us to wait (Retry-After, a poll-after header), if it did.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
