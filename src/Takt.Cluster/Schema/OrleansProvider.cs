namespace Takt.Cluster.Schema;

/// <summary>The databases Orleans' ADO.NET providers run on here.</summary>
public enum OrleansProvider
{
    /// <summary>The embedded default: grain state only (Orleans has no SQLite clustering or reminder scripts).</summary>
    Sqlite,

    /// <summary>A cluster: membership, grain state and reminders.</summary>
    PostgreSql,
}
