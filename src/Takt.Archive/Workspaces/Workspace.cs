using System.Text.Json;
using Takt.Persistence;

namespace Takt.Archive.Workspaces;

/// <summary>
/// A folder holding one Takt archive: <c>workspace.json</c>, the SQLite database <c>takt.db</c>
/// (embedded default), the blob folder <c>blobs/</c> and the audit anchor <c>audit.head</c>.
/// </summary>
public sealed class Workspace
{
    public const string EnvironmentVariable = "TAKT_WORKSPACE";
    public const string DefaultFolder = ".takt";
    public const string ConfigFile = "workspace.json";

    private Workspace(string root, WorkspaceConfig config)
    {
        Root = root;
        Config = config;
    }

    public string Root { get; }

    public WorkspaceConfig Config { get; }

    public string DatabasePath => Path.Combine(Root, "takt.db");

    public string BlobsPath => Path.Combine(Root, "blobs");

    public string AuditAnchorPath => Path.Combine(Root, "audit.head");

    /// <summary>An explicit path, else TAKT_WORKSPACE, else <c>.takt</c> in the current folder.</summary>
    public static string Locate(string? explicitPath)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return Path.GetFullPath(explicitPath ?? (string.IsNullOrEmpty(fromEnvironment) ? DefaultFolder : fromEnvironment));
    }

    public static async Task<(Workspace Workspace, bool Created)> InitAsync(string root, WorkspaceConfig config, CancellationToken cancellationToken)
    {
        var configPath = Path.Combine(root, ConfigFile);
        if (File.Exists(configPath))
        {
            return (await OpenAsync(root, cancellationToken), false);
        }

        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new WorkspaceException($"{root} exists and is not empty; choose an empty or new folder for the workspace");
        }

        Directory.CreateDirectory(root);
        var temp = configPath + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(config, WorkspaceConfig.Json), cancellationToken);
        File.Move(temp, configPath);
        return (new Workspace(root, config), true);
    }

    public static async Task<Workspace> OpenAsync(string root, CancellationToken cancellationToken)
    {
        var configPath = Path.Combine(root, ConfigFile);
        if (!File.Exists(configPath))
        {
            throw new WorkspaceException($"no Takt workspace at {root}; create one with 'takt init' (or pass --workspace / set {EnvironmentVariable})");
        }

        try
        {
            var config = JsonSerializer.Deserialize<WorkspaceConfig>(await File.ReadAllTextAsync(configPath, cancellationToken), WorkspaceConfig.Json)
                ?? throw new WorkspaceException($"{configPath} is empty");
            if (config.Version != 1)
            {
                throw new WorkspaceException($"{configPath} has version {config.Version}; this Takt reads version 1");
            }

            return new Workspace(root, config);
        }
        catch (JsonException e)
        {
            throw new WorkspaceException($"{configPath} is not valid JSON: {e.Message}", e);
        }
    }

    public StorageOptions Storage()
    {
        switch (Config.Provider.ToLowerInvariant())
        {
            case "sqlite":
                return new StorageOptions(StorageProvider.Sqlite, DatabasePath);
            case "postgresql" or "postgres":
                var connection = Environment.GetEnvironmentVariable("TAKT_POSTGRES") is { Length: > 0 } env ? env : Config.ConnectionString;
                return connection is null
                    ? throw new WorkspaceException("this workspace uses PostgreSQL but no connection string is set: add connectionString to workspace.json or set TAKT_POSTGRES")
                    : new StorageOptions(StorageProvider.PostgreSql, connection);
            default:
                throw new WorkspaceException($"unknown provider '{Config.Provider}' in {ConfigFile}; use sqlite or postgresql");
        }
    }
}
