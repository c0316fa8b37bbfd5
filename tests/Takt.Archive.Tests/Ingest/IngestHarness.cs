using Takt.Archive.Audit;
using Takt.Archive.Blobs;
using Takt.Archive.Ingest;
using Takt.Archive.Rights;
using Takt.Persistence;
using Takt.TestKit.Databases;
using Takt.TestKit.Files;

namespace Takt.Archive.Tests.Ingest;

/// <summary>A real archive in a temp folder: a migrated SQLite file, a blob folder, an audit anchor, and the services over them.</summary>
public sealed class IngestHarness : IAsyncDisposable
{
    private IngestHarness(SqliteDatabase database)
    {
        Database = database;
        Blobs = new LocalBlobStore(Path.Combine(database.Folder, "blobs"));
        Audit = new AuditLog(Path.Combine(database.Folder, "audit.anchor"), TimeProvider.System);
        Ingest = new IngestService(database.Contexts, Blobs, Audit, TimeProvider.System);
        Consent = new ConsentService(database.Contexts, Audit, TimeProvider.System);
    }

    public SqliteDatabase Database { get; }

    public TaktContextFactory Contexts => Database.Contexts;

    public LocalBlobStore Blobs { get; }

    public AuditLog Audit { get; }

    public IngestService Ingest { get; }

    public ConsentService Consent { get; }

    /// <summary>Input files live here, beside (not inside) the archive.</summary>
    public TempFolder Input { get; } = new("takt-input");

    public static async Task<IngestHarness> CreateAsync(CancellationToken cancellationToken) =>
        new(await SqliteDatabase.CreateAsync(cancellationToken));

    public Task<IngestReport> IngestAsync(string path, CancellationToken cancellationToken) =>
        Ingest.IngestAsync(path, new IngestOptions(), null, cancellationToken);

    public async Task<AuditVerification> VerifyAuditAsync(CancellationToken cancellationToken)
    {
        await using var db = Contexts.Create();
        return await Audit.VerifyAsync(db, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Input.Dispose();
        await Database.DisposeAsync();
    }
}
