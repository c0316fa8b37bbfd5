using Takt.TestKit.Databases;

namespace Takt.Provenance.Tests.Export;

public sealed class PostgresLineageExportTests : LineageExportContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        await PostgresDatabase.CreateAsync(cancellationToken);
}
