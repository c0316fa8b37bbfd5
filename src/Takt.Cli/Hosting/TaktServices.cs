using Microsoft.EntityFrameworkCore;
using Takt.Archive.Assets;
using Takt.Archive.Audit;
using Takt.Archive.Blobs;
using Takt.Archive.Ingest;
using Takt.Archive.Rights;
using Takt.Archive.Workspaces;
using Takt.Cli.Commands;
using Takt.Cluster.Schema;
using Takt.Engine.Backends;
using Takt.Engine.Backends.BuiltIn;
using Takt.Engine.Datasets;
using Takt.Engine.Models;
using Takt.Engine.Runs;
using Takt.Persistence;
using Takt.Persistence.PostgreSql;
using Takt.Persistence.Sqlite;
using Takt.Provenance.C2pa;
using Takt.Provenance.C2pa.Outputs;
using Takt.Provenance.C2pa.Signing;
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

    public RunStore Runs => new(Contexts, Time);

    public BackendRegistry BackendRegistry => new(Contexts, Time);

    public WorkspaceSecrets Secrets => new(Path.Combine(Workspace.Root, "secrets.json"));

    /// <summary>Signs exported files with manifests from the lineage graph (signing.json decides per tenant).</summary>
    public OutputSigner OutputSigner => _outputSigner ??= new OutputSigner(
        new WorkspaceSigning(Workspace.Root),
        new LineageManifests(Contexts, Lineage, Blobs, C2paSigner.DefaultContainers),
        Contexts,
        Secrets.Get,
        options => CliTimestamps.For(options, TimestampHttp),
        Time);

    private OutputSigner? _outputSigner;

    private static readonly HttpClient TimestampHttp = new() { Timeout = TimeSpan.FromSeconds(30) };

    public BackendContext BackendContext => new(Contexts, Blobs, Secrets, Workspace.Root, Time);

    /// <summary>The engine over the built-in backend and every registered one.</summary>
    public async Task<WorkflowEngine> EngineAsync(CancellationToken cancellationToken, EngineOptions? options = null, IBackendSlots? slots = null)
    {
        var context = BackendContext;
        var backends = new List<INodeBackend> { new BuiltInBackend(Contexts, Time, Workspace.Root, signer: OutputSigner) };
        foreach (var config in await BackendRegistry.ListAsync(cancellationToken))
        {
            try
            {
                backends.Add(BackendFactory.Create(config, context));
            }
            catch (BackendException e)
            {
                foreach (var built in backends.OfType<IDisposable>())
                {
                    built.Dispose();
                }

                throw new UserErrorException(e.Message);
            }
        }

        return new WorkflowEngine(Contexts, Blobs, Lineage, backends, options ?? new EngineOptions(), Time, slots);
    }

    /// <summary>The tenant a run belongs to: the one named, else the workspace's only studio.</summary>
    public async Task<Guid> RunTenantAsync(string? slug, CancellationToken cancellationToken)
    {
        await using var db = Contexts.Create();
        var tenants = await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken);
        if (slug is not null)
        {
            return tenants.FirstOrDefault(t => t.Slug == slug)?.Id ?? throw new UserErrorException($"no tenant '{slug}'");
        }

        return tenants.Count switch
        {
            1 => tenants[0].Id,
            0 => throw new UserErrorException("the workspace has no tenant yet: ingest a production first (takt ingest) or run takt demo"),
            _ => throw new UserErrorException($"the workspace has {tenants.Count} tenants; pass --tenant ({string.Join(", ", tenants.Select(t => t.Slug).Order(StringComparer.Ordinal))})"),
        };
    }

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
