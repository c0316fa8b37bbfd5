namespace Takt.Engine.Backends;

/// <summary>
/// A registered backend as stored by <c>takt backends add</c>. Secrets (API keys) are never
/// stored here: <see cref="SecretName"/> names an entry that <see cref="ISecretSource"/> resolves
/// from the environment or the workspace's secrets file.
/// </summary>
/// <param name="Kind">builtin, comfyui, openai-video, kling, runway.</param>
/// <param name="Settings">Kind-specific settings, e.g. a ComfyUI workflow template folder or a model name.</param>
public sealed record BackendConfig(
    string Name,
    string Kind,
    Uri? Endpoint,
    int Capacity,
    IReadOnlyDictionary<string, string> Settings,
    string? SecretName = null);

/// <summary>Resolves a named secret (an API key); null when it is not configured.</summary>
public interface ISecretSource
{
    string? Get(string name);
}
