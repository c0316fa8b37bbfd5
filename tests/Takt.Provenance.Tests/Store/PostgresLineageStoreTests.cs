using Takt.TestKit.Databases;

namespace Takt.Provenance.Tests.Store;

/// <summary>Skipped with its reason when TAKT_TEST_POSTGRES is unset; failed instead when TAKT_REQUIRE_POSTGRES=1.</summary>
public sealed class PostgresLineageStoreTests : LineageStoreContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        PostgresServer.Require();
        return await PostgresDatabase.CreateAsync(cancellationToken);
    }
}
