namespace Takt.Cluster.Schema;

/// <summary>Applies the Orleans schema before any storage provider reads its queries from it (embedded SQLite only; PostgreSQL is migrated by <c>takt db migrate</c>).</summary>
internal sealed class OrleansSchemaInitializer(OrleansProvider provider, string connectionString) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OrleansSchemaInitializer), ServiceLifecycleStage.First, ApplyAsync, _ => Task.CompletedTask);

    private Task ApplyAsync(CancellationToken cancellationToken) => OrleansSchema.ApplyAsync(provider, connectionString, cancellationToken);
}
