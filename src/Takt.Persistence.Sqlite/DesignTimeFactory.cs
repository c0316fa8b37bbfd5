using Microsoft.EntityFrameworkCore.Design;

namespace Takt.Persistence.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without a host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TaktDbContext>
{
    public TaktDbContext CreateDbContext(string[] args) => new(SqliteStorage.CreateOptions("Data Source=design-time.db"));
}
