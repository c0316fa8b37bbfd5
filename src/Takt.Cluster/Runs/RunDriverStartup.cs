using Takt.Engine.Runs;

namespace Takt.Cluster.Runs;

/// <summary>
/// Builds the host's <see cref="IRunDriver"/> while the silo starts, for drivers that need async set-up
/// (the engine loads its backends from the database) or services of the silo itself (the cluster's
/// <c>IBackendSlots</c> needs the grain factory). Runs before the silo becomes active, so neither the
/// startup scan nor a grain ever sees the driver missing.
/// </summary>
internal sealed class RunDriverStartup(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task<IRunDriver>> create)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private IRunDriver? _driver;

    public IRunDriver Driver => _driver ?? throw new InvalidOperationException("the run driver is built while the silo starts; it is not built yet");

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RunDriverStartup), ServiceLifecycleStage.ApplicationServices, CreateAsync, StopAsync);

    private async Task CreateAsync(CancellationToken cancellationToken) => _driver = await create(services, cancellationToken);

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        switch (_driver)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
