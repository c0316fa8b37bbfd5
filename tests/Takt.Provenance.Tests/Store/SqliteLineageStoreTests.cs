using Takt.TestKit.Databases;

namespace Takt.Provenance.Tests.Store;

public sealed class SqliteLineageStoreTests : LineageStoreContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        await SqliteDatabase.CreateAsync(cancellationToken);
}
