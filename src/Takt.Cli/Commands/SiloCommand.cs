using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Takt.Cli.Hosting;
using Takt.Cluster.Hosting;
using Takt.Engine.Runs;
using Takt.Persistence;

namespace Takt.Cli.Commands;

/// <summary>
/// <c>takt silo</c>: one member of a Takt cluster for a PostgreSQL workspace, until Ctrl-C or SIGTERM.
/// The run executor comes from the createDriver callback of <see cref="Create"/>, called while the silo
/// starts with the workspace and the silo's services (the cluster's IBackendSlots among them).
/// </summary>
public static class SiloCommand
{
    public static Command Create(GlobalOptions global, Func<TaktServices, IServiceProvider, CancellationToken, Task<IRunDriver>>? createDriver = null)
    {
        var port = new Option<int>("--port") { Description = "Silo-to-silo port", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port clients connect to", DefaultValueFactory = _ => 30000 };
        var clusterId = new Option<string>("--cluster-id") { Description = "Silos with the same id on the same database form one cluster", DefaultValueFactory = _ => "takt" };
        var watchdog = new Option<int>("--watchdog")
        {
            Description = "Seconds between a run's watchdog checks: a run whose silo died resumes on another silo within about this long once the cluster has declared that silo dead",
            DefaultValueFactory = _ => 60,
        };
        var command = new Command("silo", "Run the engine as a silo: embedded (SQLite workspace) or a cluster member (PostgreSQL workspace; apply the schema first with 'takt db migrate')")
        {
            port, gatewayPort, clusterId, watchdog,
        };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var storage = services.Workspace.Storage();
            if (createDriver is null)
            {
                throw new UserErrorException("this build registers no run executor (IRunDriver) for the silo");
            }

            if (result.GetValue(watchdog) is var seconds and (< 1 or > 86_400))
            {
                throw new UserErrorException($"--watchdog must be between 1 and 86400 seconds, not {seconds}");
            }

            var builder = Host.CreateApplicationBuilder();
            var embedded = storage.Provider != StorageProvider.PostgreSql;
            builder.UseOrleans(silo =>
            {
                // The embedded default: one local silo on free ports, grain state in SQLite beside the
                // workspace, a startup scan instead of reminders. PostgreSQL: a member of a cluster.
                _ = embedded
                    ? silo.UseTaktEmbedded(services.Workspace.Root)
                    : silo.UseTaktCluster(storage.ConnectionString, result.GetValue(port), result.GetValue(gatewayPort), result.GetValue(clusterId)!, o => o.WatchdogPeriod = TimeSpan.FromSeconds(result.GetValue(watchdog)));
                silo.AddTaktRunDriver((provider, c) => createDriver(services, provider, c));
            });
            using var host = builder.Build();
            await host.StartAsync(ct);
            cli.Plain(embedded
                ? $"Silo up (embedded, {services.Workspace.Root}): resumes runs left unfinished, runs queued ones; Ctrl-C stops it."
                : $"Silo up on port {result.GetValue(port)} (gateway {result.GetValue(gatewayPort)}); Ctrl-C stops it.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C or SIGTERM: a graceful stop hands this silo's runs to the others through their watchdogs.
            }

            await host.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        });
        return command;
    }
}
