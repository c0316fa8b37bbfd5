using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Takt.Cluster.Schema;
using Takt.Cluster.Tests.Support;
using Takt.Cluster.TestSilo;
using Takt.Engine.Runs;

namespace Takt.Cluster.Tests.Runs;

/// <summary>Two real silo processes clustered through PostgreSQL: kill -9 the one driving a run, the other finishes it.</summary>
public sealed class SiloProcessTests
{
    private const int Steps = 12;

    [Fact]
    public async Task SiloProcessKilled_RunCompletesOnOtherProcess()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await ClusterDatabase.CreateAsync(applySchema: true, ct);
        var observer = new StepLogDriver(OrleansProvider.PostgreSql, database.ConnectionString, "observer", TimeSpan.Zero);
        await observer.EnsureSchemaAsync(ct);
        var runId = Guid.CreateVersion7();
        await observer.CreateRunAsync(runId, Steps, ct);
        var clusterId = $"test-{Guid.NewGuid():N}";

        // Started together (each process takes seconds to boot); the victim starts the run, so it drives it.
        using var survivor = SiloProcess.Start(database.ConnectionString, clusterId, "survivor");
        using var victim = SiloProcess.Start(database.ConnectionString, clusterId, "victim", runId);
        await Task.WhenAll(survivor.ReadyAsync(ct), victim.ReadyAsync(ct));

        await Eventually.UntilAsync(c => observer.RunAsync(runId, c), r => r.Done >= 2, "two checkpoints on the victim", TimeSpan.FromSeconds(30), ct);
        victim.Kill();
        var atKill = await observer.RunAsync(runId, ct);

        var finished = await Eventually.UntilAsync(c => observer.RunAsync(runId, c), r => r.Status == RunStatus.Succeeded,
            $"the run to finish on the survivor (survivor output: {survivor.Output})", TimeSpan.FromSeconds(60), ct);

        Assert.Equal(Steps, finished.Done);
        Assert.True(atKill.Done < Steps, "the kill came before the run finished");
        var log = await observer.StepLogAsync(runId, ct);
        StepLogAssert.EveryStepOnceExceptInFlight(log, Steps, interruptions: 1);
        Assert.All(log.Where(e => e.Step <= 2), e => Assert.Equal("victim", e.Silo));
        Assert.Contains(log, e => e.Step == Steps && e.Silo == "survivor");
    }

    /// <summary>The Takt.Cluster.TestSilo apphost, copied beside this test assembly by its project reference.</summary>
    private sealed class SiloProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private SiloProcess(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => OnLine(e.Data);
            _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"the silo exited with {_process.ExitCode}: {Output}"));
        }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static SiloProcess Start(string postgres, string clusterId, string name, Guid? run = null)
        {
            // From the silo's own build folder: copied into this test folder it would resolve some
            // Microsoft.Extensions assemblies from the ASP.NET Core framework the test kit uses,
            // which the silo's runtime config does not load.
            var file = OperatingSystem.IsWindows() ? "Takt.Cluster.TestSilo.exe" : "Takt.Cluster.TestSilo";
            var own = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Takt.Cluster.TestSilo", new DirectoryInfo(AppContext.BaseDirectory).Name, file));
            var executable = File.Exists(own) ? own : Path.Combine(AppContext.BaseDirectory, file);
            var info = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { postgres, clusterId, name, FreePort().ToString(), FreePort().ToString(), "300" })
            {
                info.ArgumentList.Add(argument);
            }

            if (run is { } id)
            {
                info.ArgumentList.Add(id.ToString());
            }

            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            var silo = new SiloProcess(process);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return silo;
        }

        public Task ReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);

        /// <summary>SIGKILL on Linux: no shutdown code runs, as when a machine dies.</summary>
        public void Kill() => _process.Kill(entireProcessTree: true);

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            _process.Dispose();
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }

            if (string.Equals(line, "ready", StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
