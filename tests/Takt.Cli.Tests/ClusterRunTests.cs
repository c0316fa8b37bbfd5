using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Npgsql;
using Takt.TestKit.Databases;

namespace Takt.Cli.Tests;

/// <summary>
/// The real engine in a real cluster: two <c>takt silo</c> processes on one PostgreSQL workspace,
/// a run queued with <c>takt run --detach</c>, and kill -9 of the silo driving it while a node waits.
/// The survivor's watchdog must finish the run without running its finished nodes again.
/// </summary>
public sealed class ClusterRunTests : IAsyncDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);
    private readonly TempFolder _temp = new();
    private readonly List<Silo> _silos = [];
    private string? _admin;
    private string? _database;

    [Fact]
    public async Task KillNineTheDrivingSilo_TheOtherFinishesTheRun_DoneNodesNotRerun_NoDuplicateLineage()
    {
        var ct = TestContext.Current.CancellationToken;
        var connection = await CreateDatabaseAsync(PostgresServer.Require(), ct);
        var ws = _temp.Combine("ws");
        await Cli("init", "-w", ws, "--postgres", connection);
        await Cli("db", "migrate", "-w", ws);
        var media = _temp.Combine("media", "sc01");
        Directory.CreateDirectory(media);
        await File.WriteAllTextAsync(Path.Combine(media, "script.fountain"), "INT. STATION - NIGHT\nKumo: Last train.\n", ct);
        await Cli("ingest", _temp.Combine("media"), "-w", ws, "--tenant", "cluster-test", "--project", "p");

        // Two silos; a short watchdog so the survivor picks the run up soon after the cluster declares the other dead.
        _silos.Add(Silo.Start(ws, "a"));
        _silos.Add(Silo.Start(ws, "b"));
        foreach (var silo in _silos)
        {
            await silo.WaitForAsync("Silo up", ct);
        }

        var workflow = _temp.Combine("cluster.json");
        await File.WriteAllTextAsync(workflow, """
            {"name": "cluster", "nodes": {
              "title": {"type": "takt.text", "params": {"text": "last train"}},
              "frames": {"type": "takt.number", "params": {"value": 24}},
              "pause": {"type": "takt.wait", "params": {"seconds": 10}},
              "idle": {"type": "takt.noop"}
            }}
            """, ct);
        var queued = await Cli("run", workflow, "-w", ws, "--tenant", "cluster-test", "--detach", "--json");
        var run = queued.Json().GetProperty("run").GetGuid();

        // A silo's queue scan picks the run up; the one that logs driving it is the one to kill.
        var driving = $"Driving run {run}";
        var driver = await FirstAsync(() => _silos.FirstOrDefault(s => s.Said(driving)), "no silo started driving the run", ct);
        var survivor = _silos.Single(s => s != driver);
        await FirstAsync(
            async () => await CountAsync(connection, """SELECT count(*) FROM run_nodes WHERE "RunId" = @run AND "Status" = 'succeeded'""", run, ct) >= 3 ? true : (bool?)null,
            "the fast nodes never finished",
            ct);
        Assert.False(await IsFinishedAsync(ws, run), "the run finished before its silo could be killed");

        driver.KillNine();
        Assert.Equal(137, await driver.ExitCodeAsync(ct));

        var status = await FirstAsync(async () => await IsFinishedAsync(ws, run) ? (await Cli("runs", "show", run.ToString(), "-w", ws, "--json")).Json() : (JsonElement?)null, $"the run never finished after its silo died\n{survivor}", ct);
        Assert.True(status.GetProperty("status").GetString() == "succeeded", $"{status}\n{survivor}");
        Assert.True(survivor.Said(driving), survivor.ToString());
        var nodes = status.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("node").GetString()!, StringComparer.Ordinal);
        Assert.Equal(["frames", "idle", "pause", "title"], nodes.Keys.Order(StringComparer.Ordinal));
        Assert.All(nodes.Values, n => Assert.Equal("succeeded", n.GetProperty("status").GetString()));
        Assert.Equal(1, nodes["title"].GetProperty("attempts").GetInt32());
        Assert.Equal(1, nodes["frames"].GetProperty("attempts").GetInt32());
        Assert.Equal(1, nodes["idle"].GetProperty("attempts").GetInt32());
        Assert.Equal(4L, await CountAsync(connection, """SELECT count(*) FROM lineage_nodes WHERE "Kind" = 'generation' AND "Attributes" LIKE '%' || @run || '%'""", run, ct));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        if (_admin is not null && _database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }

        _temp.Dispose();
    }

    private static async Task<CliResult> Cli(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"takt {args[0]}: {result}");
        return result;
    }

    private static async Task<bool> IsFinishedAsync(string ws, Guid run)
    {
        var show = await Cli("runs", "show", run.ToString(), "-w", ws, "--json");
        return show.Json().GetProperty("status").GetString() is not ("queued" or "running");
    }

    /// <summary>Polls until <paramref name="probe"/> gives a value; the limit is only a hang guard.</summary>
    private static async Task<T> FirstAsync<T>(Func<Task<T?>> probe, string failure, CancellationToken cancellationToken)
        where T : struct
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < HangGuard)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException(failure);
    }

    private static async Task<T> FirstAsync<T>(Func<T?> probe, string failure, CancellationToken cancellationToken)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < HangGuard)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException(failure);
    }

    private static async Task<long> CountAsync(string connection, string sql, Guid run, CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("run", sql.Contains("LIKE", StringComparison.Ordinal) ? run.ToString() : run);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task<string> CreateDatabaseAsync(string server, CancellationToken cancellationToken)
    {
        _admin = server;
        _database = $"takt_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            // A generated name, never input: safe to splice into DDL, which takes no parameters.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString;
    }

    /// <summary>One <c>takt silo</c> child process, its stdout and stderr collected as they come.</summary>
    private sealed class Silo : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly string _name;

        private Silo(Process process, string name)
        {
            _process = process;
            _name = name;
        }

        public static Silo Start(string workspace, string name)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { RunCommandTests.CliDll(), "silo", "-w", workspace, "--port", FreePort(), "--gateway-port", FreePort(), "--watchdog", "3" })
            {
                start.ArgumentList.Add(arg);
            }

            var silo = new Silo(new Process { StartInfo = start }, name);
            silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data);
            silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
            silo._process.Start();
            silo._process.BeginOutputReadLine();
            silo._process.BeginErrorReadLine();
            return silo;
        }

        public bool Said(string text)
        {
            lock (_output)
            {
                return _output.ToString().Contains(text, StringComparison.Ordinal);
            }
        }

        public async Task WaitForAsync(string text, CancellationToken cancellationToken)
        {
            await FirstAsync(() => Said(text) ? this : null, $"silo {_name} never said '{text}'\n{this}", cancellationToken);
            Assert.False(_process.HasExited, ToString());
        }

        public void KillNine()
        {
            using var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        public async Task<int> ExitCodeAsync(CancellationToken cancellationToken)
        {
            await _process.WaitForExitAsync(cancellationToken);
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        public override string ToString()
        {
            lock (_output)
            {
                var text = _output.ToString();
                return $"--- silo {_name}\n{(text.Length > 6000 ? text[^6000..] : text)}";
            }
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        private static string FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        }
    }
}
