using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Takt.Persistence;
using Takt.Persistence.Sqlite;
using Takt.TestKit.Files;

namespace Takt.TestKit.Databases;

/// <summary>A fresh SQLite file in its own temp folder, migrated; use as a class fixture or create one per test.</summary>
public sealed class SqliteDatabase : ITestDatabase
{
    private readonly TempFolder _folder = new("takt-sqlite");

    public SqliteDatabase()
    {
        Path = _folder.Combine("takt.db");
        Contexts = new TaktContextFactory(SqliteStorage.CreateOptions(SqliteStorage.ConnectionStringFor(Path)));
    }

    public string Path { get; }

    public string Folder => _folder.Path;

    public TaktContextFactory Contexts { get; }

    public static async Task<SqliteDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var database = new SqliteDatabase();
        await database.MigrateAsync(cancellationToken);
        return database;
    }

    public ValueTask InitializeAsync() => new(MigrateAsync(TestContext.Current.CancellationToken));

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = Contexts.Create();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
