using Microsoft.EntityFrameworkCore;
using Npgsql;
using Takt.Persistence;
using Takt.Persistence.PostgreSql;
using Takt.TestKit.Files;

namespace Takt.TestKit.Databases;

/// <summary>
/// A fresh database (<c>takt_test_&lt;guid&gt;</c>) on the server named by <see cref="PostgresServer"/>,
/// migrated, and dropped on dispose. Without a server it creates nothing, and <see cref="Contexts"/>
/// skips the test that asks for it.
/// </summary>
public sealed class PostgresDatabase : ITestDatabase
{
    private readonly TempFolder _folder = new("takt-postgres");
    private readonly string _name = $"takt_test_{Guid.NewGuid():N}";
    private string? _admin;
    private TaktContextFactory? _contexts;

    public string Folder => _folder.Path;

    public TaktContextFactory Contexts
    {
        get
        {
            PostgresServer.Require();
            return _contexts ?? throw new InvalidOperationException("the database is not created yet: use it as a fixture or through CreateAsync");
        }
    }

    public static async Task<PostgresDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var database = new PostgresDatabase();
        await database.CreateDatabaseAsync(cancellationToken);
        return database;
    }

    public ValueTask InitializeAsync() => new(CreateDatabaseAsync(TestContext.Current.CancellationToken));

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }

        _folder.Dispose();
    }

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        if (PostgresServer.ConnectionString is not { } server)
        {
            // Nothing to create; each test skips (or fails when required) as it asks for Contexts.
            return;
        }

        _admin = server;
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            // The name is generated here, never user input, so it is safe to splice into DDL (which takes no parameters).
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var target = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
        _contexts = new TaktContextFactory(PostgreSqlStorage.CreateOptions(target));
        await using var db = _contexts.Create();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
