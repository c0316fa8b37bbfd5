using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Takt.Cli.Tests;

/// <summary>
/// kill -9 in the middle of an ingest, then check that nothing is half-written: every recorded
/// asset has its complete blob and its audit entry, the database is sound, and ingesting again
/// finishes the job without duplicates.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Files = 40;
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Ingest_KilledMidway_LeavesNoHalfWrittenAssetAndResumes()
    {
        var ct = TestContext.Current.CancellationToken;
        var ws = _temp.Combine("ws");
        var source = _temp.Combine("layers");
        Directory.CreateDirectory(source);
        for (var i = 0; i < Files; i++)
        {
            using var noise = NetVips.Image.Gaussnoise(1024, 1024, mean: 128, sigma: 40, seed: i);
            using var rgb = noise.Bandjoin(noise, noise).Cast(NetVips.Enums.BandFormat.Uchar);
            rgb.Pngsave(Path.Combine(source, $"fx_{i:D3}.png"), compression: 1);
        }

        Assert.Equal(0, (await CliRunner.RunAsync("init", "-w", ws)).ExitCode);
        var database = Path.Combine(ws, "takt.db");

        // Warm the poller first: its first read loads SQLite and JIT-compiles, long enough to miss the whole ingest.
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM assets", ct));

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { RunCommandTests.CliDll(), "ingest", source, "-w", ws, "--project", "crash", "--jobs", "1", "--batch-size", "1" })
        {
            start.ArgumentList.Add(arg);
        }

        var killedAt = "";

        using (var process = Process.Start(start)!)
        {
            var recorded = 0L;
            var clock = Stopwatch.StartNew();
            while (recorded < 4 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(20, ct);
                recorded = await CountAsync(database, "SELECT count(*) FROM assets", ct);
            }

            if (process.HasExited)
            {
                // Read stderr only now: reading it earlier would wait for the child to finish.
                Assert.Fail($"ingest finished before it could be killed:\n{await process.StandardError.ReadToEndAsync(ct)}");
            }

            // kill -9, as an operator or the OOM killer would: no finally blocks, no flushing.
            using (var kill = Process.Start("kill", ["-KILL", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(ct);
            }

            await process.WaitForExitAsync(ct);
            Assert.Equal(137, process.ExitCode);
            killedAt = $"killed after {clock.Elapsed.TotalSeconds:F2} s with {recorded} assets seen, exit code {process.ExitCode}";
        }

        var assets = await CountAsync(database, "SELECT count(*) FROM assets", ct);
        Assert.True(assets >= 4 && assets < Files, $"{assets} assets after the kill; {killedAt}");
        Assert.Equal("ok", await ScalarAsync(database, "PRAGMA integrity_check", ct));
        Assert.Equal(assets, await CountAsync(database, "SELECT count(*) FROM audit_log WHERE Kind = 'asset.ingested'", ct));
        foreach (var sha in await ShasAsync(database, ct))
        {
            var blob = Path.Combine(ws, "blobs", "sha256", sha[..2], sha[2..4], sha);
            Assert.True(File.Exists(blob), $"asset row for {sha} without its blob");
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(blob, ct))));
        }

        Assert.Equal(0, (await CliRunner.RunAsync("audit", "verify", "-w", ws)).ExitCode);

        var resumed = await CliRunner.RunAsync("ingest", source, "-w", ws, "--project", "crash", "--json");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var report = resumed.Json();
        Assert.Equal(assets, report.GetProperty("filesUnchanged").GetInt32());
        Assert.Equal(Files - assets, report.GetProperty("filesStored").GetInt32());
        Assert.Equal(Files, await CountAsync(database, "SELECT count(*) FROM assets", ct));
    }

    private static async Task<long> CountAsync(string database, string sql, CancellationToken ct) => Convert.ToInt64(await ScalarAsync(database, sql, ct), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarAsync(string database, string sql, CancellationToken ct)
    {
        if (!File.Exists(database))
        {
            return 0L;
        }

        // Read-write mode: a read-only connection may not see the WAL, only what was checkpointed.
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
            return 0L; // the schema is not there yet
        }
    }

    private static async Task<List<string>> ShasAsync(string database, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Sha256 FROM assets";
        var shas = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            shas.Add(reader.GetString(0));
        }

        return shas;
    }

    public void Dispose() => _temp.Dispose();
}
