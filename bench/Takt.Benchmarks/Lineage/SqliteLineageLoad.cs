using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Takt.Persistence;
using Takt.Persistence.Sqlite;

namespace Takt.Benchmarks.Lineage;

/// <summary>
/// Writes a synthetic graph into a fresh SQLite file migrated with the real migrations, through
/// prepared INSERTs in large transactions. Only the load runs without a journal, without fsync
/// and without foreign-key checks (the generator guarantees them); WAL is back before anyone reads.
/// </summary>
public static class SqliteLineageLoad
{
    public static async Task<TaktContextFactory> CreateAsync(string path, SyntheticLineage graph, Action<string> progress, CancellationToken cancellationToken)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        var connectionString = SqliteStorage.ConnectionStringFor(path);
        var contexts = new TaktContextFactory(SqliteStorage.CreateOptions(connectionString));
        await using (var db = contexts.Create())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;", cancellationToken);
            InsertNodes(connection, graph, progress);
            InsertEdges(connection, graph, progress);
            progress("sqlite: ANALYZE");
            await ExecuteAsync(connection, "ANALYZE; PRAGMA journal_mode=WAL;", cancellationToken);
        }

        SqliteConnection.ClearAllPools();
        return contexts;
    }

    // Microsoft.Data.Sqlite runs its async methods synchronously; the plain calls skip a Task per row.
    private static void InsertNodes(SqliteConnection connection, SyntheticLineage graph, Action<string> progress)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO lineage_nodes ("Seq", "Id", "TenantId", "Kind", "Label", "Reference", "Attributes", "RecordedAt")
            VALUES ($seq, $id, $tenant, $kind, $label, NULL, NULL, $at)
            """;
        var (seq, id, tenant, kind, label, at) = (Add(insert, "$seq"), Add(insert, "$id"), Add(insert, "$tenant"), Add(insert, "$kind"), Add(insert, "$label"), Add(insert, "$at"));
        var transaction = connection.BeginTransaction();
        for (var n = 0; n < graph.NodeCount; n++)
        {
            if (n > 0 && n % LineageRows.RowsPerTransaction == 0)
            {
                transaction = Commit(connection, transaction);
            }

            insert.Transaction = transaction;
            seq.Value = SyntheticLineage.SeqOf(n);
            id.Value = graph.IdOf(n);
            tenant.Value = graph.TenantOf(n) is { } t ? t.Value : DBNull.Value;
            kind.Value = LineageRows.Kind(graph.KindOf(n));
            label.Value = SyntheticLineage.Label(graph.KindOf(n), n);
            at.Value = LineageRows.RecordedAt(n).UtcTicks;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        transaction.Dispose();
        progress($"sqlite: {graph.NodeCount:N0} nodes written");
    }

    private static void InsertEdges(SqliteConnection connection, SyntheticLineage graph, Action<string> progress)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO lineage_edges ("ChildSeq", "Ordinal", "ParentSeq", "Weight", "Role")
            VALUES ($child, $ordinal, $parent, $weight, $role)
            """;
        var (child, ordinal, parent, weight, role) = (Add(insert, "$child"), Add(insert, "$ordinal"), Add(insert, "$parent"), Add(insert, "$weight"), Add(insert, "$role"));
        var transaction = connection.BeginTransaction();
        var written = 0L;
        for (var n = 0; n < graph.NodeCount; n++)
        {
            var parents = graph.ParentsOf(n);
            var weights = graph.WeightsOf(n);
            var roles = graph.RolesOf(n);
            for (var o = 0; o < parents.Length; o++)
            {
                if (++written % LineageRows.RowsPerTransaction == 0)
                {
                    transaction = Commit(connection, transaction);
                    if (written % (LineageRows.RowsPerTransaction * 8) == 0)
                    {
                        progress($"sqlite: {written:N0}/{graph.EdgeCount:N0} edges");
                    }
                }

                insert.Transaction = transaction;
                child.Value = SyntheticLineage.SeqOf(n);
                ordinal.Value = o;
                parent.Value = SyntheticLineage.SeqOf(parents[o]);
                weight.Value = weights[o];
                role.Value = LineageRows.Role(roles[o]);
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        transaction.Dispose();
        progress($"sqlite: {graph.EdgeCount:N0} edges written");
    }

    private static SqliteTransaction Commit(SqliteConnection connection, SqliteTransaction transaction)
    {
        transaction.Commit();
        transaction.Dispose();
        return connection.BeginTransaction();
    }

    private static SqliteParameter Add(SqliteCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
