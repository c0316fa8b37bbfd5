using Microsoft.EntityFrameworkCore;
using Takt.TestKit.Databases;

namespace Takt.Persistence.Tests.Contract;

/// <summary>
/// Every storage behaviour Takt relies on, run against each provider: a subclass only supplies the
/// database. Tests share the class's database, so each seeds its own tenant under unique slugs;
/// tests that damage the audit log get a database of their own.
/// </summary>
public abstract partial class PersistenceContract(ITestDatabase database)
{
    protected TaktContextFactory Contexts => database.Contexts;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh, migrated database of the same provider, for tests whose damage must not reach the others.</summary>
    protected abstract Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken);

    [Fact]
    public async Task Migrations_Model_HasNoPendingChanges()
    {
        await using var db = Contexts.Create();

        Assert.False(db.Database.HasPendingModelChanges(), $"the model has changes with no migration for {db.Database.ProviderName}; add one (docs/migrations.md)");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
    }

    [Fact]
    public async Task ForeignKeys_AssetOfMissingWork_Rejected()
    {
        var g = await TenantGraph.SeedAsync(Contexts, Ct);
        await using var db = Contexts.Create();
        db.Assets.Add(TenantGraph.NewAsset(Guid.CreateVersion7(), g.Tenant, g.Project, Guid.CreateVersion7(), "orphan.png", new string('b', 64)));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }
}
