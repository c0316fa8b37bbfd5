using Npgsql;
using Takt.Cluster.Schema;
using Takt.TestKit.Databases;

namespace Takt.Cluster.Tests.Support;

/// <summary>A fresh PostgreSQL database with the Orleans schema applied, dropped on dispose; skips the test without a server.</summary>
public sealed class ClusterDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name = $"takt_cluster_{Guid.NewGuid():N}";

    private ClusterDatabase(string admin)
    {
        _admin = admin;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ClusterDatabase> CreateAsync(bool applySchema, CancellationToken cancellationToken)
    {
        var database = new ClusterDatabase(PostgresServer.Require());
        await using (var connection = new NpgsqlConnection(database._admin))
        {
            await connection.OpenAsync(cancellationToken);
            // The name is generated here, never input, so splicing it into DDL (which takes no parameters) is safe.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database._name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        if (applySchema)
        {
            await OrleansSchema.ApplyAsync(OrleansProvider.PostgreSql, database.ConnectionString, cancellationToken);
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync(CancellationToken.None);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
