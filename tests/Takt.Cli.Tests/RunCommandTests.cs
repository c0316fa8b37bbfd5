using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Takt.TestKit.C2pa;

namespace Takt.Cli.Tests;

/// <summary>takt run / runs / backends on the demo workspace: real archive loads, consent, caching, and kill -9 in the middle of a run.</summary>
public sealed class RunCommandTests(DemoWorkspace workspace) : IClassFixture<DemoWorkspace>, IDisposable
{
    private static readonly string Plate = File.ReadAllText(Path.Combine(RepoRoot(), "examples", "workflows", "festival-plate.json"));
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Run_TheExampleWorkflow_ExportsFiles_ThenShowsListsLogs_AndAgainReusesEverythingButTheLoads()
    {
        var first = await Run("run", await WriteAsync("plate.json", Plate), "--tenant", "studio-kumo", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        var run = first.Json().GetProperty("run").GetString()!;
        Assert.Equal("succeeded", first.Json().GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(workspace.Root, "outputs", "festival-preview.png")));
        using (var preview = NetVips.Image.NewFromFile(Path.Combine(workspace.Root, "outputs", "festival-preview.png")))
        {
            Assert.Equal((640, 360), (preview.Width, preview.Height));
        }

        var show = await Run("runs", "show", run[^12..], "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        var nodes = show.Json().GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(8, nodes.Count);
        // The demo's teaser composited the same layers already: those results may come from the cache.
        Assert.All(nodes, n => Assert.Contains(n.GetProperty("status").GetString(), new[] { "succeeded", "cached" }));
        Assert.All(nodes, n => Assert.Equal(JsonValueKind.String, n.GetProperty("lineage").ValueKind));
        var logs = await Run("runs", "logs", run);
        Assert.Contains("node-finished", logs.Output, StringComparison.Ordinal);
        var list = await Run("runs", "list", "--json");
        Assert.Contains(list.Json().EnumerateArray(), r => r.GetProperty("run").GetString() == run);
        var lineage = await Run("lineage", "show", nodes.Single(n => n.GetProperty("node").GetString() == "plate").GetProperty("lineage").GetString()!, "--json");
        Assert.True(lineage.ExitCode == 0, lineage.ToString());

        var again = await Run("run", await WriteAsync("plate.json", Plate), "--tenant", "studio-kumo", "--json");
        var statuses = again.Json().GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("node").GetString()!, n => n.GetProperty("status").GetString());
        Assert.Equal("succeeded", statuses["far"]); // loads decide consent anew every run
        Assert.Equal("cached", statuses["plate"]);
        Assert.Equal("cached", statuses["preview"]);
        Assert.Equal("succeeded", statuses["save-plate"]); // exports always write
    }

    [Fact]
    public async Task BrokenWorkflow_EveryProblemListedAtOnce_NothingRuns()
    {
        var broken = """
            {"name": "broken", "nodes": {
              "a": {"type": "takt.resize", "params": {"width": 0, "height": 10}, "inputs": {"image": "b.image"}},
              "b": {"type": "takt.resize", "params": {"width": 10, "height": 10}, "inputs": {"image": "a.image"}},
              "t": {"type": "takt.text", "params": {"text": "hi"}},
              "c": {"type": "takt.crop", "params": {"x": 0, "y": 0, "width": 1, "height": 1}, "inputs": {"image": "t.text"}},
              "d": {"type": "takt.nonsense"}
            }}
            """;

        var result = await Run("run", await WriteAsync("broken.json", broken), "--tenant", "studio-kumo", "--json");

        Assert.Equal(1, result.ExitCode);
        var codes = result.Json().GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Contains("out-of-range", codes);
        Assert.Contains("type-mismatch", codes);
        Assert.Contains("unknown-node-type", codes);
        Assert.Contains("cycle", codes);
        Assert.Contains("node 'c' image: expects image but 't.text' gives text", result.Error, StringComparison.Ordinal);
        var runs = await Run("runs", "list", "--json");
        Assert.DoesNotContain(runs.Json().EnumerateArray(), r => r.GetProperty("workflow").GetString() == "broken");
    }

    [Fact]
    public async Task LoadingARevokedWork_FailsTheNodeWithTheRevocation_ExitThree()
    {
        var sheet = await workspace.AssetIdAsync("character", "body");
        var workflow = """{"name": "revoked", "nodes": {"body": {"type": "takt.load-asset", "params": {"asset": "SHEET"}}, "small": {"type": "takt.resize", "params": {"width": 64, "height": 64}, "inputs": {"image": "body.image"}}}}""".Replace("SHEET", sheet, StringComparison.Ordinal);

        var result = await Run("run", await WriteAsync("revoked.json", workflow), "--tenant", "studio-kumo");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("revoked", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 skipped", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_SignedFromTheRunsLineage_UnsignedWhereTheTenantTurnedItOff_RefusedWhenTheKeysAreMissing()
    {
        var far = await workspace.AssetIdAsync("background", "festival_far");
        string Workflow(string name) => """{"name": "signed-export", "nodes": {"far": {"type": "takt.load-asset", "params": {"asset": "FAR"}}, "small": {"type": "takt.resize", "params": {"width": 64, "height": 36}, "inputs": {"image": "far.image"}}, "save": {"type": "takt.export", "params": {"name": "NAME"}, "inputs": {"image": "small.image"}}}}""".Replace("FAR", far, StringComparison.Ordinal).Replace("NAME", name, StringComparison.Ordinal);
        var outputs = Path.Combine(workspace.Root, "outputs");
        var anchors = Path.Combine(workspace.Root, "keys", "trust-anchors.pem");
        var ct = TestContext.Current.CancellationToken;

        var signed = await Run("run", await WriteAsync("signed.json", Workflow("small-far.png")), "--tenant", "studio-kumo", "--json");

        Assert.True(signed.ExitCode == 0, signed.ToString());
        var report = await C2paReferenceReader.ReadAsync(Path.Combine(outputs, "small-far.png"), anchors, ct);
        Assert.True(report.State == "Trusted", string.Join(", ", report.Failure.Select(f => f.Code)));
        var manifest = report.Manifests.GetProperty(report.ActiveManifest!);
        var ingredient = Assert.Single(manifest.GetProperty("ingredients").EnumerateArray());
        Assert.Equal(("festival_far", "componentOf"), (ingredient.GetProperty("title").GetString(), ingredient.GetProperty("relationship").GetString()));
        var stamp = manifest.GetProperty("assertions").EnumerateArray().Single(a => a.GetProperty("label").GetString() == "org.takt.lineage").GetProperty("data");
        var small = signed.Json().GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("node").GetString() == "small");
        Assert.Equal(small.GetProperty("lineage").GetString(), stamp.GetProperty("node").GetString());
        Assert.Equal(signed.Json().GetProperty("run").GetString(), stamp.GetProperty("run").GetString());

        var options = Path.Combine(workspace.Root, "signing.json");
        try
        {
            await File.WriteAllTextAsync(options, """{"tenants": {"studio-kumo": {"enabled": false}}}""", ct);
            var plain = await Run("run", await WriteAsync("plain.json", Workflow("small-far-plain.png")), "--tenant", "studio-kumo", "--json");
            Assert.True(plain.ExitCode == 0, plain.ToString());
            Assert.NotNull((await C2paReferenceReader.ReadAsync(Path.Combine(outputs, "small-far-plain.png"), anchors, ct)).Error);

            await File.WriteAllTextAsync(options, """{"certificate": "keys/missing-signer.pem", "key": "keys/missing-signer.key"}""", ct);
            var refused = await Run("run", await WriteAsync("refused.json", Workflow("small-far-refused.png")), "--tenant", "studio-kumo");
            Assert.Equal(3, refused.ExitCode);
            Assert.Contains("signing failed (the signing key", refused.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(outputs, "small-far-refused.png")));
            Assert.DoesNotContain(Directory.GetFiles(outputs), f => Path.GetFileName(f).StartsWith('.'));
        }
        finally
        {
            File.Delete(options);
        }
    }

    [Fact]
    public async Task Backends_AddListTestRemove_SecretsAreNamedNeverStored()
    {
        var add = await Run("backends", "add", "sora", "--kind", "openai-video", "--secret", "openai-key", "--setting", "model=sora-2");
        Assert.True(add.ExitCode == 0, add.ToString());
        var bad = await Run("backends", "add", "gpu", "--kind", "comfyui");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--endpoint", bad.Error, StringComparison.Ordinal);

        var list = await Run("backends", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var sora = list.Json().EnumerateArray().Single(b => b.GetProperty("name").GetString() == "sora");
        Assert.Contains("video.text-to-video@1", sora.GetProperty("nodeTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains(list.Json().EnumerateArray(), b => b.GetProperty("name").GetString() == "builtin");

        Assert.Equal(0, (await Run("backends", "remove", "sora")).ExitCode);
        Assert.Equal(1, (await Run("backends", "remove", "sora")).ExitCode);
    }

    [Fact]
    public async Task KilledMidRun_ResumeFinishesIt_DoneNodesKept_NoDuplicateOutputsOrLineage()
    {
        var ct = TestContext.Current.CancellationToken;
        var ws = _temp.Combine("ws");
        CopyFolder(workspace.Root, ws);
        var workflow = await WriteAsync("slow.json", """
            {"name": "slow", "nodes": {
              "far": {"type": "takt.load-asset", "params": {"asset": "sha256:e698c77bf6ceb44640ded25a3595cfb21869f236338c8007dcd6a7b2c2277eb6"}},
              "pause": {"type": "takt.wait", "params": {"seconds": 15}},
              "small": {"type": "takt.resize", "params": {"width": 96, "height": 54}, "inputs": {"image": "far.image"}},
              "save": {"type": "takt.export", "params": {"name": "slow.png"}, "inputs": {"image": "small.image"}}
            }}
            """);
        var database = Path.Combine(ws, "takt.db");

        // The copied workspace may already hold other tests' runs (the fixture is shared and the
        // order of tests is not fixed), so every query looks at this run's rows only.
        const string Slow = "RunId IN (SELECT Id FROM runs WHERE WorkflowName = 'slow')";

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { CliDll(), "run", workflow, "-w", ws, "--tenant", "studio-kumo" })
        {
            start.ArgumentList.Add(arg);
        }

        using (var process = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            while (await CountAsync(database, $"SELECT count(*) FROM run_nodes WHERE NodeId = 'save' AND {Slow}", ct) == 0 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(20, ct);
            }

            if (process.HasExited)
            {
                // Read stderr only now: reading it earlier would wait for the child to finish.
                Assert.Fail($"the run ended before it could be killed:\n{await process.StandardError.ReadToEndAsync(ct)}");
            }

            using (var kill = Process.Start("kill", ["-KILL", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(ct);
            }

            await process.WaitForExitAsync(ct);
            Assert.Equal(137, process.ExitCode);
        }

        Assert.Equal("running", await ScalarAsync(database, "SELECT Status FROM runs WHERE WorkflowName = 'slow'", ct));
        Assert.Equal(0L, await CountAsync(database, $"SELECT count(*) FROM run_nodes WHERE NodeId = 'pause' AND {Slow}", ct));
        var before = await CountAsync(database, "SELECT count(*) FROM lineage_nodes WHERE Kind = 'generation'", ct);

        var resumed = await CliRunner.RunAsync("runs", "resume", "-w", ws, "--json");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("succeeded", resumed.Json().GetProperty("status").GetString());
        Assert.Equal(4L, await CountAsync(database, $"SELECT count(*) FROM run_nodes WHERE Status = 'succeeded' AND {Slow}", ct));
        Assert.Equal(1L, await CountAsync(database, $"SELECT count(*) FROM run_nodes WHERE NodeId = 'save' AND Attempts = 1 AND {Slow}", ct));
        Assert.Equal(before + 1, await CountAsync(database, "SELECT count(*) FROM lineage_nodes WHERE Kind = 'generation'", ct));
        Assert.Equal(["slow.png"], Directory.GetFiles(Path.Combine(ws, "outputs"), "slow*").Select(Path.GetFileName));
        Assert.Equal("ok", await ScalarAsync(database, "PRAGMA integrity_check", ct));
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// The CLI as built for itself (artifacts/bin/Takt.Cli/&lt;config&gt;), not the copy in this
    /// test folder: the test kit's ASP.NET Core reference resolves some assemblies from that shared
    /// framework here, which takt's own runtime config does not load.
    /// </summary>
    internal static string CliDll()
    {
        var own = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Takt.Cli", new DirectoryInfo(AppContext.BaseDirectory).Name, "takt.dll"));
        return File.Exists(own) ? own : Path.Combine(AppContext.BaseDirectory, "takt.dll");
    }

    /// <summary>The README's example workflow is tested as shipped.</summary>
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Takt.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("tests run outside the repository");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static async Task<long> CountAsync(string database, string sql, CancellationToken ct) => Convert.ToInt64(await ScalarAsync(database, sql, ct), CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarAsync(string database, string sql, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return await command.ExecuteScalarAsync(ct);
        }
        catch (SqliteException)
        {
            return 0L; // the run tables are not written yet
        }
    }

    private async Task<string> WriteAsync(string name, string json)
    {
        var path = _temp.Combine(name);
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);
        return path;
    }

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync([.. args, "-w", workspace.Root]);
}
