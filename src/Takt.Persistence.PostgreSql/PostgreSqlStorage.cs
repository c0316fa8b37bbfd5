using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Takt.Persistence.PostgreSql;

/// <summary>The scale provider: PostgreSQL through Npgsql, with transient-failure retries.</summary>
public static class PostgreSqlStorage
{
    public static DbContextOptions<TaktDbContext> CreateOptions(string connectionString) =>
        new DbContextOptionsBuilder<TaktDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgreSqlStorage).Assembly.GetName().Name))
            .ReplaceService<IModelCacheKeyFactory, ProviderModelCacheKeyFactory>()
            .Options;
}
