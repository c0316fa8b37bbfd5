namespace Takt.TestKit.HostedVideo;

/// <summary>A request a fake received, as a test inspects it: the body as text (lossy for binary parts).</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ContentType, string Body, IReadOnlyDictionary<string, string> Headers);
