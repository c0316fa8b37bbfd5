using Microsoft.Data.Sqlite;
using Npgsql;
using Takt.Cluster.Schema;
using Takt.Cluster.Tests.Support;
using Takt.TestKit.Files;

namespace Takt.Cluster.Tests.Schema;

public sealed class OrleansSchemaTests
{
    [Fact]
    public async Task ApplyAsync_SqliteTwice_SecondRunsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder("takt-orleans-schema");
        var connection = $"Data Source={folder.Combine("orleans.db")}";

        var first = await OrleansSchema.ApplyAsync(OrleansProvider.Sqlite, connection, ct);
        var second = await OrleansSchema.ApplyAsync(OrleansProvider.Sqlite, connection, ct);

        Assert.Equal(["Sqlite-Main.sql", "Sqlite-Persistence.sql"], first);
        Assert.Empty(second);
        await using var db = new SqliteConnection(connection);
        await db.OpenAsync(ct);
        Assert.True(await CountAsync(db, "SELECT COUNT(*) FROM OrleansQuery", ct) > 0, "the storage queries are loaded");
        Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode", ct));
    }

    [Fact]
    public async Task ApplyAsync_PostgresTwice_SecondRunsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await ClusterDatabase.CreateAsync(applySchema: false, ct);

        var first = await OrleansSchema.ApplyAsync(OrleansProvider.PostgreSql, database.ConnectionString, ct);
        var second = await OrleansSchema.ApplyAsync(OrleansProvider.PostgreSql, database.ConnectionString, ct);

        Assert.Equal(["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql", "PostgreSQL-Reminders.sql"], first);
        Assert.Empty(second);
        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync(ct);
        Assert.Equal(4, await CountAsync(db,
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN ('orleansmembershiptable', 'orleansmembershipversiontable', 'orleansstorage', 'orleansreminderstable')", ct));
    }

    [Fact]
    public async Task ApplyAsync_TablesCreatedByHand_RecordedNotRerun()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder("takt-orleans-schema");
        var connection = $"Data Source={folder.Combine("orleans.db")}";
        await using (var db = new SqliteConnection(connection))
        {
            await db.OpenAsync(ct);
            await using var command = db.CreateCommand();
            command.CommandText = OrleansSchema.Read("Sqlite-Main.sql");
            await command.ExecuteNonQueryAsync(ct);
        }

        var applied = await OrleansSchema.ApplyAsync(OrleansProvider.Sqlite, connection, ct);

        Assert.Equal(["Sqlite-Persistence.sql"], applied);
    }

    private static async Task<long> CountAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync(connection, sql, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
