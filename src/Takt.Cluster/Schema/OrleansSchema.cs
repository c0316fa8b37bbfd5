using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Takt.Cluster.Schema;

/// <summary>
/// Applies the vendored Orleans ADO.NET scripts (Sql/*.sql, MIT, from dotnet/orleans) to a database.
/// The scripts are plain CREATE TABLE / INSERT statements that fail when run twice, so each one is
/// applied once, in a transaction, and recorded in <c>takt_orleans_schema</c>; a script whose table
/// already exists (a database prepared by hand with Orleans' own scripts) is recorded, not re-run.
/// </summary>
public static class OrleansSchema
{
    public const string HistoryTable = "takt_orleans_schema";

    /// <summary>The ADO.NET invariant Orleans expects for each provider (SQLite's maps to Microsoft.Data.Sqlite).</summary>
    public static string Invariant(OrleansProvider provider) => provider switch
    {
        OrleansProvider.Sqlite => "System.Data.SQLite",
        _ => "Npgsql",
    };

    /// <summary>Scripts in the order they must run, with the table each one creates (how an earlier application is recognised).</summary>
    public static IReadOnlyList<(string Script, string Table)> Scripts(OrleansProvider provider) => provider switch
    {
        OrleansProvider.Sqlite =>
        [
            ("Sqlite-Main.sql", "orleansquery"),
            ("Sqlite-Persistence.sql", "orleansstorage"),
        ],
        _ =>
        [
            ("PostgreSQL-Main.sql", "orleansquery"),
            ("PostgreSQL-Clustering.sql", "orleansmembershiptable"),
            ("PostgreSQL-Persistence.sql", "orleansstorage"),
            ("PostgreSQL-Reminders.sql", "orleansreminderstable"),
        ],
    };

    /// <summary>Applies the scripts not yet applied; returns the names of those it ran (empty when the schema was already there).</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(OrleansProvider provider, string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = Open(provider, connectionString);
        await connection.OpenAsync(cancellationToken);
        if (provider == OrleansProvider.Sqlite)
        {
            // WAL lets the silo's grain-state writes and readers of the same file not block each other.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (provider == OrleansProvider.PostgreSql)
        {
            // Two silos starting together must not both run a script: the second waits, then sees the record.
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(7217215)", cancellationToken);
        }

        await ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {HistoryTable} (script VARCHAR(200) PRIMARY KEY, applied_by_takt INTEGER NOT NULL)", cancellationToken);

        var ran = new List<string>();
        foreach (var (script, table) in Scripts(provider))
        {
            if (await ScalarAsync(connection, transaction, $"SELECT COUNT(*) FROM {HistoryTable} WHERE script = @script", ("script", script), cancellationToken) > 0)
            {
                continue;
            }

            var ranHere = await TableExistsAsync(provider, connection, transaction, table, cancellationToken) ? 0 : 1;
            if (ranHere == 1)
            {
                await ExecuteAsync(connection, transaction, Read(script), cancellationToken);
                ran.Add(script);
            }

            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = $"INSERT INTO {HistoryTable} (script, applied_by_takt) VALUES (@script, {ranHere})";
            AddParameter(record, "script", script);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ran;
    }

    /// <summary>The text of one vendored script.</summary>
    public static string Read(string script)
    {
        using var stream = typeof(OrleansSchema).Assembly.GetManifestResourceStream("Takt.Cluster.Sql." + script)
            ?? throw new ArgumentException($"no vendored Orleans script named {script}", nameof(script));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static DbConnection Open(OrleansProvider provider, string connectionString) => provider switch
    {
        OrleansProvider.Sqlite => new SqliteConnection(connectionString),
        _ => new NpgsqlConnection(connectionString),
    };

    private static async Task<bool> TableExistsAsync(OrleansProvider provider, DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken)
    {
        var sql = provider == OrleansProvider.Sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND lower(name) = @table"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table";
        return await ScalarAsync(connection, transaction, sql, ("table", table), cancellationToken) > 0;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, (string Name, string Value) parameter, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        AddParameter(command, parameter.Name, parameter.Value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
