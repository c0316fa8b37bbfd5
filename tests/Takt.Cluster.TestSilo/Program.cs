using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Takt.Cluster.Hosting;
using Takt.Cluster.Runs;
using Takt.Cluster.Schema;
using Takt.Cluster.TestSilo;
using Takt.Engine.Runs;

// A cluster silo process for the kill -9 tests:
//   Takt.Cluster.TestSilo <postgres> <clusterId> <siloName> <siloPort> <gatewayPort> <stepMs> [runId to start]
// It prints "ready" once the silo is up (and the run, if any, is started) and runs until killed or stopped.
if (args.Length < 6)
{
    await Console.Error.WriteLineAsync("usage: Takt.Cluster.TestSilo <postgres> <clusterId> <siloName> <siloPort> <gatewayPort> <stepMs> [runId]");
    return 2;
}

var (postgres, clusterId, name) = (args[0], args[1], args[2]);
var siloPort = int.Parse(args[3], CultureInfo.InvariantCulture);
var gatewayPort = int.Parse(args[4], CultureInfo.InvariantCulture);
var driver = new StepLogDriver(OrleansProvider.PostgreSql, postgres, name, TimeSpan.FromMilliseconds(int.Parse(args[5], CultureInfo.InvariantCulture)));

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders().AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Takt", LogLevel.Information).AddFilter("Orleans.Runtime.MembershipService", LogLevel.Information).AddFilter("Orleans.Runtime.ReminderService", LogLevel.Information);
builder.Services.AddSingleton<IRunDriver>(driver);
builder.UseOrleans(silo => silo.UseTaktCluster(postgres, siloPort, gatewayPort, clusterId, TestClusterTimings.Fast));
using var host = builder.Build();
await host.StartAsync();
if (args.Length > 6)
{
    var grains = host.Services.GetRequiredService<IGrainFactory>();
    await grains.GetGrain<IRunGrain>(Guid.Parse(args[6])).StartAsync(CancellationToken.None);
}

Console.WriteLine("ready");
await host.WaitForShutdownAsync();
return 0;
