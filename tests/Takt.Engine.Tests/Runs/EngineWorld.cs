using Takt.Archive.Audit;
using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;
using Takt.Engine.Models;
using Takt.Engine.Runs;
using Takt.Persistence.Tenancy;
using Takt.Provenance.Lineage;
using Takt.TestKit.Databases;

namespace Takt.Engine.Tests.Runs;

/// <summary>A database with one tenant, a blob store, lineage, and executors over a scripted backend.</summary>
internal sealed class EngineWorld : IAsyncDisposable
{
    private EngineWorld(ITestDatabase database, Guid tenant, ScriptedBackend backend)
    {
        Database = database;
        Tenant = tenant;
        Backend = backend;
        Blobs = new LocalBlobStore(Path.Combine(database.Folder, "blobs"));
        Audit = new AuditLog(Path.Combine(database.Folder, "audit.head"), TimeProvider.System);
        Lineage = new LineageStore(database.Contexts, Audit, TimeProvider.System);
        Store = new RunStore(database.Contexts, TimeProvider.System);
    }

    public static EngineOptions FastOptions { get; } = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        CancelPollInterval = TimeSpan.FromMilliseconds(50),
        MaxAttempts = 3,
    };

    public ITestDatabase Database { get; }

    public Guid Tenant { get; }

    public ScriptedBackend Backend { get; }

    public LocalBlobStore Blobs { get; }

    public AuditLog Audit { get; }

    public LineageStore Lineage { get; }

    public RunStore Store { get; }

    public static async Task<EngineWorld> CreateAsync(ITestDatabase database, CancellationToken cancellationToken, ScriptedBackend? backend = null)
    {
        var tenant = Guid.CreateVersion7();
        await using (var db = database.Contexts.Create())
        {
            db.Tenants.Add(new TenantRow { Id = tenant, Slug = "studio", Name = "Studio", ExcludedCategories = "", RemovalDeadlineDays = 30, CreatedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return new EngineWorld(database, tenant, backend ?? new ScriptedBackend());
    }

    /// <summary>A fresh executor, as a restarted process would build it.</summary>
    public RunExecutor Executor(EngineOptions? options = null, params INodeBackend[] more) => new(
        Store,
        new BackendSet([Backend, .. more]),
        new LocalBackendSlots(),
        new LineageGenerationRecorder(Lineage, new ModelRegistry(Database.Contexts, Lineage)),
        Blobs,
        new RunEvents(),
        options ?? FastOptions,
        TimeProvider.System);

    public async Task<Guid> SubmitAsync(string workflowJson, CancellationToken cancellationToken)
    {
        var plan = WorkflowValidator.Plan(WorkflowJson.Parse(workflowJson), new BackendSet([Backend]).Catalog);
        return await Store.SubmitAsync(Tenant, plan, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Lineage.Dispose();
        await Database.DisposeAsync();
    }
}
