using Takt.TestKit.Databases;

namespace Takt.Persistence.Tests.Contract;

public sealed class SqliteContractTests(SqliteDatabase database) : PersistenceContract(database), IClassFixture<SqliteDatabase>
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        await SqliteDatabase.CreateAsync(cancellationToken);
}
