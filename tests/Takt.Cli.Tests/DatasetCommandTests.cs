namespace Takt.Cli.Tests;

/// <summary>takt dataset on the demo workspace, where Mei has withdrawn her character sheet: the sheet's layers are excluded with that reason.</summary>
public sealed class DatasetCommandTests(DemoWorkspace workspace) : IClassFixture<DemoWorkspace>, IDisposable
{
    private const string Recipe = """
        {"name": "hana-lora", "tenant": "studio-kumo",
         "selection": {"layerKinds": ["character", "storyboard", "reference"]},
         "target": {"format": "kohya", "resolution": 512, "maxBucket": 1024}}
        """;

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Build_ThenShowListDiffExplainRebuild()
    {
        var build = await Run("dataset", "build", await WriteAsync("hana-lora.json", Recipe), "--json");

        Assert.True(build.ExitCode == 0, build.ToString());
        var built = build.Json();
        var version = built.GetProperty("versionId").GetString()!;
        Assert.Equal(64, version.Length);
        Assert.True(built.GetProperty("samples").GetInt32() > 0);
        Assert.True(Directory.Exists(built.GetProperty("path").GetString()));
        var reasons = built.GetProperty("exclusionReasons").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("revoked", reasons);
        Assert.Contains("category-excluded", reasons);

        var show = await Run("dataset", "show", "hana-lora", "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Equal(version, show.Json().GetProperty("versionId").GetString());
        var exclusions = show.Json().GetProperty("manifest").GetProperty("exclusions").EnumerateArray().ToList();
        var commission = exclusions.Single(e => e.GetProperty("source").GetString() == "refs/commission_hana_fanart.png").GetProperty("asset").GetString()!;

        var explain = await Run("dataset", "explain", commission, "--json");
        Assert.True(explain.ExitCode == 0, explain.ToString());
        var verdict = Assert.Single(explain.Json().GetProperty("versions").EnumerateArray());
        Assert.Equal("excluded", verdict.GetProperty("verdict").GetString());

        var rebuild = await Run("dataset", "rebuild", "hana-lora", "--target", "sdxl", "--json");
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        var to = Assert.Single(rebuild.Json().EnumerateArray()).GetProperty("to").GetString()!;

        var diff = await Run("dataset", "diff", $"hana-lora@{version[..12]}", to, "--json");
        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Equal(built.GetProperty("samples").GetInt32(), diff.Json().GetProperty("changed").GetArrayLength());
        var list = await Run("dataset", "list", "hana-lora", "--json");
        Assert.Equal(2, list.Json().GetArrayLength());

        var human = await Run("dataset", "show", "hana-lora");
        Assert.Contains("revoked", human.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadRecipes_ExitOneNamingTheProblem()
    {
        var typo = await Run("dataset", "build", await WriteAsync("typo.json", Recipe.Replace("\"resolution\"", "\"resolutoin\"", StringComparison.Ordinal)));
        var missing = await Run("dataset", "build", _temp.Combine("nope.json"));
        var cannot = await Run("dataset", "build", await WriteAsync("repeats.json", Recipe.Replace("\"kohya\"", "\"imagefolder\", \"repeats\": 5", StringComparison.Ordinal)));

        Assert.Equal(1, typo.ExitCode);
        Assert.Contains("unknown field 'target.resolutoin'", typo.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Equal(1, cannot.ExitCode);
        Assert.Contains("repeats", cannot.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private async Task<string> WriteAsync(string name, string json)
    {
        var path = _temp.Combine(name);
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);
        return path;
    }

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync([.. args, "-w", workspace.Root]);
}
