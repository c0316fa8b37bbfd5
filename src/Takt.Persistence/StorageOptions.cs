namespace Takt.Persistence;

/// <summary>Which database holds a workspace's metadata.</summary>
public sealed record StorageOptions(StorageProvider Provider, string ConnectionString);

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
