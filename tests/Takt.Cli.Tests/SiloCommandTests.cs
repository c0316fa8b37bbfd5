using System.Diagnostics;
using System.Text;

namespace Takt.Cli.Tests;

/// <summary>The embedded default: <c>takt silo</c> on a SQLite workspace runs what was queued.</summary>
public sealed class SiloCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Silo_SqliteWorkspace_EmbeddedSiloRunsAQueuedRun()
    {
        var ct = TestContext.Current.CancellationToken;
        var ws = _temp.Combine("ws");
        var media = _temp.Combine("media");
        Directory.CreateDirectory(media);
        await File.WriteAllTextAsync(Path.Combine(media, "scene.fountain"), "INT. STUDIO - NIGHT\n\nA lamp.\n", ct);
        Assert.Equal(0, (await CliRunner.RunAsync("init", "-w", ws)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", media, "-w", ws, "--tenant", "solo", "--project", "p")).ExitCode);
        var workflow = _temp.Combine("wf.json");
        await File.WriteAllTextAsync(workflow, """{"name": "queued", "nodes": {"n": {"type": "takt.number", "params": {"value": 7}}, "t": {"type": "takt.text", "params": {"text": "hello"}}}}""", ct);
        var queued = await CliRunner.RunAsync("run", workflow, "-w", ws, "--detach", "--json");
        Assert.True(queued.ExitCode == 0, queued.ToString());
        var run = queued.Json().GetProperty("run").GetString()!;

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { RunCommandTests.CliDll(), "silo", "-w", ws })
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        using var silo = Process.Start(start)!;
        silo.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        silo.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        silo.BeginOutputReadLine();
        silo.BeginErrorReadLine();
        try
        {
            var clock = Stopwatch.StartNew();
            string? status = null;
            while (status != "succeeded" && clock.Elapsed < TimeSpan.FromMinutes(2) && !silo.HasExited)
            {
                await Task.Delay(250, ct);
                status = (await CliRunner.RunAsync("runs", "show", run, "-w", ws, "--json")).Json().GetProperty("status").GetString();
            }

            string log;
            lock (output)
            {
                log = output.ToString();
            }

            Assert.True(status == "succeeded", $"the run is {status}; silo output:\n{log}");
            Assert.Contains("embedded", log, StringComparison.Ordinal);
        }
        finally
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
            }

            await silo.WaitForExitAsync(ct);
        }
    }

    public void Dispose() => _temp.Dispose();
}
