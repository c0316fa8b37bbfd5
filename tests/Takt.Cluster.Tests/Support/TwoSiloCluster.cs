using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Takt.Cluster.Hosting;
using Takt.Cluster.Schema;
using Takt.Cluster.TestSilo;
using Takt.Engine.Runs;

namespace Takt.Cluster.Tests.Support;

/// <summary>
/// Two in-process silos (Orleans' test transport and membership) whose grain state and reminders
/// are Takt's ADO.NET ones on PostgreSQL; each silo has its own <see cref="StepLogDriver"/> and a
/// "power" switch that stops its drives the way a dying process would.
/// </summary>
public sealed class TwoSiloCluster : IAsyncDisposable
{
    private readonly Dictionary<string, StepLogDriver> _drivers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CancellationTokenSource> _power = new(StringComparer.Ordinal);

    private TwoSiloCluster(ClusterDatabase database, TimeSpan stepDuration)
    {
        Database = database;
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((options, silo) =>
        {
            var power = new CancellationTokenSource();
            var driver = new StepLogDriver(OrleansProvider.PostgreSql, database.ConnectionString, options.SiloName, stepDuration, power.Token);
            lock (_drivers)
            {
                _drivers[options.SiloName] = driver;
                _power[options.SiloName] = power;
            }

            silo.Services.AddSingleton<IRunDriver>(driver);
            silo.UseTaktPostgresStateAndReminders(database.ConnectionString, TestClusterTimings.Fast);
        });
        Cluster = builder.Build();
    }

    public ClusterDatabase Database { get; }

    public InProcessTestCluster Cluster { get; }

    public InProcessSiloHandle Primary => Cluster.Silos[0];

    public InProcessSiloHandle Secondary => Cluster.Silos[1];

    /// <summary>A driver over the same tables, for the test's own reads.</summary>
    public StepLogDriver Observer => new(OrleansProvider.PostgreSql, Database.ConnectionString, "observer", TimeSpan.Zero);

    public static async Task<TwoSiloCluster> StartAsync(TimeSpan stepDuration, CancellationToken cancellationToken)
    {
        var database = await ClusterDatabase.CreateAsync(applySchema: true, cancellationToken);
        var cluster = new TwoSiloCluster(database, stepDuration);
        await cluster.Observer.EnsureSchemaAsync(cancellationToken);
        await cluster.Cluster.DeployAsync(cancellationToken);
        return cluster;
    }

    public static IGrainFactory Grains(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IGrainFactory>();

    /// <summary>Kills a silo without a graceful stop; its in-flight drive dies with it.</summary>
    public async Task KillAsync(InProcessSiloHandle silo)
    {
        await _power[silo.Name].CancelAsync();
        await Cluster.KillSiloAsync(silo);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var power in _power.Values)
        {
            await power.CancelAsync();
        }

        await Cluster.DisposeAsync();
        foreach (var power in _power.Values)
        {
            power.Dispose();
        }

        await Database.DisposeAsync();
    }
}
