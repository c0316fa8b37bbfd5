using Takt.TestKit.Databases;

namespace Takt.Persistence.Tests.Contract;

/// <summary>Skipped with its reason when TAKT_TEST_POSTGRES is unset; failed instead when TAKT_REQUIRE_POSTGRES=1.</summary>
public sealed class PostgresContractTests(PostgresDatabase database) : PersistenceContract(database), IClassFixture<PostgresDatabase>
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        PostgresServer.Require();
        return await PostgresDatabase.CreateAsync(cancellationToken);
    }
}
