using Microsoft.EntityFrameworkCore.Design;

namespace Takt.Persistence.PostgreSql;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TaktDbContext>
{
    public TaktDbContext CreateDbContext(string[] args) => new(PostgreSqlStorage.CreateOptions("Host=127.0.0.1;Database=takt_design"));
}
