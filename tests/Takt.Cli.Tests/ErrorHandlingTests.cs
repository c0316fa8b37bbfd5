namespace Takt.Cli.Tests;

public sealed class ErrorHandlingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task AnyCommand_NoWorkspace_ExitOneAndSaysHowToCreateOne()
    {
        var result = await CliRunner.RunAsync("assets", "list", "-w", _temp.Combine("nowhere"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("takt init", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_NonEmptyFolder_Refused()
    {
        var folder = _temp.Combine("busy");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "mine", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("init", "-w", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not empty", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_MalformedManifest_ExitOneNamingTheLineAndStoresNothing()
    {
        var ws = _temp.Combine("ws");
        Assert.Equal(0, (await CliRunner.RunAsync("init", "-w", ws)).ExitCode);
        var source = _temp.Combine("bad-manifest");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "takt.json"), "{\n  \"project\": \"x\",\n  \"files\": [ { \"path\": } ]\n}", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("ingest", source, "-w", ws);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("takt.json is not a valid manifest at line 3", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync("assets", "list", "-w", ws, "--json")).Json().GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Ingest_FolderWithGarbage_StoresTheGoodFilesAndReportsEachBadOne()
    {
        var ws = _temp.Combine("ws2");
        Assert.Equal(0, (await CliRunner.RunAsync("init", "-w", ws)).ExitCode);
        var source = _temp.Combine("mixed", "sc01", "c001");
        Directory.CreateDirectory(source);
        var ct = TestContext.Current.CancellationToken;
        using (var image = NetVips.Image.Black(64, 32, bands: 3))
        {
            image.Pngsave(Path.Combine(source, "bg_sky.png"));
        }

        await File.WriteAllBytesAsync(Path.Combine(source, "empty.png"), [], ct);
        await File.WriteAllBytesAsync(Path.Combine(source, "noise.png"), [1, 2, 3, 4, 5, 6, 7, 8, 9], ct);
        await File.WriteAllTextAsync(Path.Combine(source, "script.txt"), "INT. FESTIVAL - NIGHT\nHana looks up.\n", ct);

        var result = await CliRunner.RunAsync("ingest", _temp.Combine("mixed"), "-w", ws, "--json");

        Assert.Equal(1, result.ExitCode);
        var report = result.Json();
        Assert.Equal(2, report.GetProperty("filesStored").GetInt32());
        var failures = report.GetProperty("failures").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("problem").GetString()!);
        Assert.Contains("empty", failures["sc01/c001/empty.png"], StringComparison.Ordinal);
        Assert.Contains("unrecognised", failures["sc01/c001/noise.png"], StringComparison.Ordinal);
        var listed = (await CliRunner.RunAsync("assets", "list", "-w", ws, "--json")).Json().GetProperty("assets").EnumerateArray().ToList();
        Assert.Contains(listed, a => a.GetProperty("layerKind").GetString() == "background" && a.GetProperty("scene").GetString() == "sc01" && a.GetProperty("cut").GetString() == "c001");
        Assert.Contains(listed, a => a.GetProperty("layerKind").GetString() == "script");
    }

    [Fact]
    public async Task UnknownCommand_ExitOne()
    {
        var result = await CliRunner.RunAsync("paint");

        Assert.Equal(1, result.ExitCode);
    }

    public void Dispose() => _temp.Dispose();
}
