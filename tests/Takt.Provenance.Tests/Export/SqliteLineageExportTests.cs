using Takt.TestKit.Databases;

namespace Takt.Provenance.Tests.Export;

public sealed class SqliteLineageExportTests : LineageExportContract
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        await SqliteDatabase.CreateAsync(cancellationToken);
}
