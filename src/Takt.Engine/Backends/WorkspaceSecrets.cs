using System.Text.Json;

namespace Takt.Engine.Backends;

/// <summary>
/// API keys, looked up by name: first the environment (<c>TAKT_SECRET_&lt;NAME&gt;</c>, the name
/// upper-cased with anything else than letters and digits as '_'), then the workspace's
/// <c>secrets.json</c>, which must be readable by its owner only. Values never reach logs,
/// lineage or error messages.
/// </summary>
public sealed class WorkspaceSecrets(string secretsFile, Func<string, string?>? environment = null) : ISecretSource
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;
    private Dictionary<string, string>? _file;

    public static string VariableFor(string name) =>
        "TAKT_SECRET_" + string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'));

    public string? Get(string name)
    {
        if (_environment(VariableFor(name)) is { Length: > 0 } value)
        {
            return value;
        }

        _file ??= Load();
        return _file.GetValueOrDefault(name);
    }

    private Dictionary<string, string> Load()
    {
        if (!File.Exists(secretsFile))
        {
            return [];
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(secretsFile);
            if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                throw new BackendException($"{secretsFile} is readable or writable by others; run 'chmod 600 {secretsFile}'", transient: false);
            }
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(secretsFile)) ?? [];
        }
        catch (JsonException e)
        {
            // The message must not quote the file: it holds keys.
            throw new BackendException($"{secretsFile} is not a JSON object of names to strings (line {e.LineNumber + 1})", transient: false);
        }
    }
}
