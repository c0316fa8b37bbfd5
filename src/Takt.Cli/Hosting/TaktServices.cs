using Microsoft.EntityFrameworkCore;
using Takt.Archive.Assets;
using Takt.Archive.Audit;
using Takt.Archive.Blobs;
using Takt.Archive.Ingest;
using Takt.Archive.Rights;
using Takt.Archive.Workspaces;
using Takt.Cluster.Schema;
using Takt.Engine.Datasets;
using Takt.Engine.Models;
using Takt.Persistence;
using Takt.Persistence.PostgreSql;
using Takt.Persistence.Sqlite;
using Takt.Provenance.Demo;
using Takt.Provenance.Export;
using Takt.Provenance.Ledger;
using Takt.Provenance.Lineage;
using Takt.Provenance.OptOut;

namespace Takt.Cli.Hosting;

/// <summary>The composition root of the CLI: one workspace, its database and blob store, and the services over them.</summary>
public sealed class TaktServices
{
    private TaktServices(Workspace workspace, TaktContextFactory contexts, TimeProvider time)
    {
        Workspace = workspace;
        Contexts = contexts;
        Time = time;
        Blobs = new LocalBlobStore(workspace.BlobsPath);
        Audit = new AuditLog(workspace.AuditAnchorPath, time);
        Lineage = new LineageStore(contexts, Audit, time);
    }

    public Workspace Workspace { get; }

    public TaktContextFactory Contexts { get; }

    public TimeProvider Time { get; }

    public LocalBlobStore Blobs { get; }

    public AuditLog Audit { get; }

    public IngestService Ingest => new(Contexts, Blobs, Audit, Time);

    public ConsentService Consent => new(Contexts, Audit, Time);

    public AssetQueries Assets => new(Contexts, Time);

    public ArchiveSummaryQuery Summary => new(Contexts, Time);

    /// <summary>One store per composition root: its in-memory index is loaded once and then only caught up.</summary>
    public LineageStore Lineage { get; }

    public LineageQueries LineageQueries => new(Contexts, Lineage);

    public LineageLookup LineageLookup => new(Contexts, Lineage);

    public LineageExporter LineageExporter => new(Contexts, Lineage);

    public DemoLineage DemoLineage => new(Contexts, Lineage, Time);

    public OptOutService OptOut => new(Contexts, Lineage, Audit, Time);

    public RemediationQueries Remediation => new(Contexts, Lineage, Audit, Time);

    public LedgerService Ledger => new(Contexts, Lineage, Audit, Time);

    public ModelRegistry Models => new(Contexts, Lineage);

    public DatasetCatalog Datasets => new(Contexts, Blobs, Lineage, Audit, Workspace.Root, Time);

    public static DbContextOptions<TaktDbContext> OptionsFor(StorageOptions storage) => storage.Provider switch
    {
        StorageProvider.Sqlite => SqliteStorage.CreateOptions(SqliteStorage.ConnectionStringFor(storage.ConnectionString)),
        _ => PostgreSqlStorage.CreateOptions(storage.ConnectionString),
    };

    /// <summary>
    /// Opens a workspace. The embedded SQLite database migrates itself (one user, one file);
    /// a shared PostgreSQL database is migrated only by <c>takt db migrate</c>, on purpose.
    /// </summary>
    public static async Task<TaktServices> OpenAsync(string root, CancellationToken cancellationToken, bool requireCurrentSchema = true)
    {
        var workspace = await Workspace.OpenAsync(root, cancellationToken);
        var storage = workspace.Storage();
        var services = new TaktServices(workspace, new TaktContextFactory(OptionsFor(storage)), TimeProvider.System);
        await using var db = services.Contexts.Create();
        if (storage.Provider == StorageProvider.Sqlite)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        else if (requireCurrentSchema && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            throw new UserErrorException("the PostgreSQL database needs migrating: run 'takt db migrate'");
        }

        return services;
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = Contexts.Create();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (Workspace.Storage() is { Provider: StorageProvider.PostgreSql } storage)
        {
            // A cluster's silos keep membership, grain state and reminders in the same database.
            pending.AddRange(await OrleansSchema.ApplyAsync(OrleansProvider.PostgreSql, storage.ConnectionString, cancellationToken));
        }

        return pending;
    }
}
