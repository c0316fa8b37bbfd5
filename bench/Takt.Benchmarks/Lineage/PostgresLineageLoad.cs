using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Takt.Persistence;
using Takt.Persistence.PostgreSql;

namespace Takt.Benchmarks.Lineage;

/// <summary>
/// A fresh, uniquely named PostgreSQL database migrated with the real migrations and loaded with
/// binary COPY. Foreign-key triggers are off for the load only (session_replication_role), as in
/// any bulk restore: the generator guarantees the references. Dropped on dispose.
/// </summary>
public sealed class PostgresLineageLoad : IAsyncDisposable
{
    private readonly string _admin;

    private PostgresLineageLoad(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresLineageLoad> CreateAsync(string admin, SyntheticLineage graph, Action<string> progress, CancellationToken cancellationToken)
    {
        var database = new PostgresLineageLoad(admin, $"takt_bench_lineage_{Guid.NewGuid():N}");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            // The name is generated here, never input, so it is safe in DDL (which takes no parameters).
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await database.LoadAsync(graph, progress, cancellationToken);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        return database;
    }

    private async Task LoadAsync(SyntheticLineage graph, Action<string> progress, CancellationToken cancellationToken)
    {
        await using (var db = new TaktContextFactory(PostgreSqlStorage.CreateOptions(ConnectionString)).Create())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "SET session_replication_role = replica; SET synchronous_commit = off;", cancellationToken);
        await CopyNodesAsync(connection, graph, cancellationToken);
        progress($"postgres: {graph.NodeCount:N0} nodes copied");
        await CopyEdgesAsync(connection, graph, progress, cancellationToken);
        progress("postgres: VACUUM ANALYZE");
        // One statement per command: VACUUM refuses to run inside a multi-statement batch.
        await ExecuteAsync(connection, "VACUUM ANALYZE lineage_nodes", cancellationToken);
        await ExecuteAsync(connection, "VACUUM ANALYZE lineage_edges", cancellationToken);
        // Written out now, not by the background checkpointer while the questions are timed.
        await ExecuteAsync(connection, "CHECKPOINT", cancellationToken);
    }

    private static async Task CopyNodesAsync(NpgsqlConnection connection, SyntheticLineage graph, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """COPY lineage_nodes ("Seq", "Id", "TenantId", "Kind", "Label", "RecordedAt") FROM STDIN (FORMAT BINARY)""", cancellationToken);
        for (var n = 0; n < graph.NodeCount; n++)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(SyntheticLineage.SeqOf(n), NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(graph.IdOf(n), NpgsqlDbType.Uuid, cancellationToken);
            if (graph.TenantOf(n) is { } tenant)
            {
                await copy.WriteAsync(tenant.Value, NpgsqlDbType.Uuid, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }

            await copy.WriteAsync(LineageRows.Kind(graph.KindOf(n)), NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(SyntheticLineage.Label(graph.KindOf(n), n), NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(LineageRows.RecordedAt(n).UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyEdgesAsync(NpgsqlConnection connection, SyntheticLineage graph, Action<string> progress, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """COPY lineage_edges ("ChildSeq", "Ordinal", "ParentSeq", "Weight", "Role") FROM STDIN (FORMAT BINARY)""", cancellationToken);
        var written = 0L;
        for (var n = 0; n < graph.NodeCount; n++)
        {
            for (var o = 0; o < graph.ParentsOf(n).Length; o++)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(SyntheticLineage.SeqOf(n), NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(o, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(SyntheticLineage.SeqOf(graph.ParentsOf(n)[o]), NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(graph.WeightsOf(n)[o], NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(LineageRows.Role(graph.RolesOf(n)[o]), NpgsqlDbType.Varchar, cancellationToken);
                if (++written % 2_000_000 == 0)
                {
                    progress($"postgres: {written:N0}/{graph.EdgeCount:N0} edges");
                }
            }
        }

        await copy.CompleteAsync(cancellationToken);
        progress($"postgres: {graph.EdgeCount:N0} edges copied");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync(CancellationToken.None);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
