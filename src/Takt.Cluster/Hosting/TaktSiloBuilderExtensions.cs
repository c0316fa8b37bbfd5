using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Takt.Cluster.Backends;
using Takt.Cluster.Runs;
using Takt.Cluster.Schema;
using Takt.Engine.Backends;
using Takt.Engine.Runs;

namespace Takt.Cluster.Hosting;

/// <summary>
/// The two ways to host the Takt grains. Both leave <c>IRunDriver</c> (and, embedded,
/// <see cref="IBackendSlots"/>) to the host's DI registrations: the grains only adapt them.
/// </summary>
public static class TaktSiloBuilderExtensions
{
    /// <summary>The embedded silo's own database, beside the workspace's <c>takt.db</c>.</summary>
    public const string EmbeddedDatabaseFile = "orleans.db";

    /// <summary>
    /// One silo in this process for the workspace at <paramref name="workspaceRoot"/>: localhost
    /// clustering on free ports (two Takt processes on a machine never collide), grain state in
    /// <c>orleans.db</c> (SQLite, schema applied at start), in-memory reminders, and a startup scan
    /// in place of the watchdog that resumes the runs the last process left unfinished.
    /// </summary>
    public static ISiloBuilder UseTaktEmbedded(this ISiloBuilder silo, string workspaceRoot, Action<TaktClusterOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceRoot);
        Directory.CreateDirectory(workspaceRoot);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetFullPath(workspaceRoot), EmbeddedDatabaseFile),
            DefaultTimeout = 30,
        }.ToString();

        silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: TaktOrleans.ServiceId, clusterId: "takt-embedded")
            .AddAdoNetGrainStorage(TaktOrleans.StorageName, o =>
            {
                o.Invariant = OrleansSchema.Invariant(OrleansProvider.Sqlite);
                o.ConnectionString = connectionString;
            })
            .UseInMemoryReminderService();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new OrleansSchemaInitializer(OrleansProvider.Sqlite, connectionString));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, RunStartupScan>();
        silo.Services.AddHostedService<RunQueueScan>();
        return silo.AddTaktGrains(configure, watchdog: false);
    }

    /// <summary>
    /// A member of a cluster whose membership, grain state and reminders live in PostgreSQL (apply
    /// the schema first with <c>takt db migrate</c> or <see cref="OrleansSchema.ApplyAsync"/>). Runs
    /// get a durable watchdog reminder, so a run on a silo that dies resumes on a survivor.
    /// </summary>
    public static ISiloBuilder UseTaktCluster(this ISiloBuilder silo, string postgresConnectionString, int siloPort, int gatewayPort, string clusterId, Action<TaktClusterOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var options = Configure(configure);
        silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = TaktOrleans.ServiceId;
            })
            .ConfigureEndpoints(options.AdvertisedAddress, siloPort, gatewayPort)
            .UseAdoNetClustering(o =>
            {
                o.Invariant = OrleansSchema.Invariant(OrleansProvider.PostgreSql);
                o.ConnectionString = postgresConnectionString;
            });
        silo.Services.AddHostedService<RunQueueScan>();
        return silo.UseTaktPostgresStateAndReminders(postgresConnectionString, configure);
    }

    /// <summary>Grain state and reminders on PostgreSQL plus the Takt grains, without clustering (a test cluster brings its own).</summary>
    public static ISiloBuilder UseTaktPostgresStateAndReminders(this ISiloBuilder silo, string postgresConnectionString, Action<TaktClusterOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(postgresConnectionString);
        silo.AddAdoNetGrainStorage(TaktOrleans.StorageName, o =>
            {
                o.Invariant = OrleansSchema.Invariant(OrleansProvider.PostgreSql);
                o.ConnectionString = postgresConnectionString;
            })
            .UseAdoNetReminderService(o =>
            {
                o.Invariant = OrleansSchema.Invariant(OrleansProvider.PostgreSql);
                o.ConnectionString = postgresConnectionString;
            });
        // Slots are shared by every silo, so the cluster's grain is the default; a host may register its own first.
        silo.Services.TryAddSingleton<IBackendSlots, ClusterBackendSlots>();
        return silo.AddTaktGrains(configure, watchdog: true);
    }

    /// <summary>
    /// Registers the run driver built by <paramref name="create"/> while the silo starts (before it is
    /// active); use it when the driver needs async set-up or silo services such as <see cref="IBackendSlots"/>.
    /// A driver that is disposable is disposed when the silo stops. A plain <c>AddSingleton&lt;IRunDriver&gt;</c> works too.
    /// </summary>
    public static ISiloBuilder AddTaktRunDriver(this ISiloBuilder silo, Func<IServiceProvider, CancellationToken, Task<IRunDriver>> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        silo.Services.AddSingleton(sp => new RunDriverStartup(sp, create));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<RunDriverStartup>());
        silo.Services.AddSingleton<IRunDriver>(sp => sp.GetRequiredService<RunDriverStartup>().Driver);
        return silo;
    }

    private static ISiloBuilder AddTaktGrains(this ISiloBuilder silo, Action<TaktClusterOptions>? configure, bool watchdog)
    {
        var options = Configure(configure);
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.Configure<RunGrainOptions>(o =>
        {
            o.WatchdogPeriod = watchdog ? options.WatchdogPeriod : null;
            o.RetryDelay = options.RetryDelay;
        });
        silo.Services.Configure<BackendSlotOptions>(o => o.LeaseDuration = options.SlotLeaseDuration);
        if (watchdog)
        {
            silo.Services.Configure<ReminderOptions>(o =>
            {
                if (options.WatchdogPeriod < o.MinimumReminderPeriod)
                {
                    o.MinimumReminderPeriod = options.WatchdogPeriod;
                }
            });
        }

        silo.Services.Configure<ClusterMembershipOptions>(o =>
        {
            if (options.ProbeTimeout is { } probe)
            {
                o.ProbeTimeout = probe;
            }

            if (options.NumMissedProbesLimit is { } missed)
            {
                o.NumMissedProbesLimit = missed;
            }
        });
        return silo;
    }

    private static TaktClusterOptions Configure(Action<TaktClusterOptions>? configure)
    {
        var options = new TaktClusterOptions();
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A port free now; the silo binds it a moment later (the race with another process is accepted for a local default).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
