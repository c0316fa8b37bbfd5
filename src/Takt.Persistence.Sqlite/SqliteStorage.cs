using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Takt.Persistence.Sqlite;

/// <summary>The embedded default: one SQLite file in the workspace, WAL mode, a busy timeout.</summary>
public static class SqliteStorage
{
    public static DbContextOptions<TaktDbContext> CreateOptions(string connectionString) =>
        new DbContextOptionsBuilder<TaktDbContext>()
            .UseSqlite(connectionString, sql => sql.MigrationsAssembly(typeof(SqliteStorage).Assembly.GetName().Name))
            .AddInterceptors(SqlitePragmas.Instance)
            .ReplaceService<IModelCacheKeyFactory, ProviderModelCacheKeyFactory>()
            .Options;

    public static string ConnectionStringFor(string databasePath) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Private, not Shared: a shared cache is process-global and serialises every connection.
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
}
