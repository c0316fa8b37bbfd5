namespace Takt.Cli.Tests;

public sealed class DemoCommandTests(DemoWorkspace workspace) : IClassFixture<DemoWorkspace>
{
    [Fact]
    public void Demo_FreshWorkspace_IngestsBothStudiosAndRevokesMeisWork()
    {
        Assert.True(workspace.Demo.ExitCode == 0, workspace.Demo.ToString());
        var json = workspace.Demo.Json();
        var ingests = json.GetProperty("ingests").EnumerateArray().ToList();
        Assert.Equal(2, ingests.Count);
        Assert.All(ingests, i => Assert.Empty(i.GetProperty("failures").EnumerateArray()));
        Assert.Equal("hana-character-sheet", json.GetProperty("revoked").GetProperty("work").GetString());

        var kumo = json.GetProperty("summary").EnumerateArray().Single(s => s.GetProperty("tenant").GetString() == "studio-kumo");
        Assert.Equal(27, kumo.GetProperty("assets").GetInt32());
        Assert.Equal(13, kumo.GetProperty("assetsByLayerKind").GetProperty("character").GetInt32());
        Assert.Contains("Mei Hayashi", kumo.GetProperty("contributors").EnumerateArray().Select(c => c.GetString()));
        var generative = kumo.GetProperty("decisionsByPurpose").GetProperty("generative-training");
        Assert.Equal(15, generative.GetProperty("denialReasons").GetProperty("revoked").GetInt32());
        Assert.Equal(1, generative.GetProperty("denialReasons").GetProperty("category-excluded").GetInt32());
    }

    [Fact]
    public async Task Demo_RunAgain_StoresNothingNewAndKeepsTheAuditChain()
    {
        var before = (await CliRunner.RunAsync("audit", "verify", "-w", workspace.Root, "--json")).Json();
        var again = await CliRunner.RunAsync("demo", "-w", workspace.Root, "--json");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.All(again.Json().GetProperty("ingests").EnumerateArray(), i => Assert.Equal(0, i.GetProperty("assetsStored").GetInt32()));
        var after = await CliRunner.RunAsync("audit", "verify", "-w", workspace.Root, "--json");
        Assert.Equal(0, after.ExitCode);
        Assert.True(after.Json().GetProperty("intact").GetBoolean());
        Assert.Equal(before.GetProperty("entries").GetInt32(), after.Json().GetProperty("entries").GetInt32());
    }

    [Fact]
    public async Task AssetsShow_LayerOfOra_ShowsItsPlacementAndRevokedConsent()
    {
        var id = await workspace.AssetIdAsync("line-art", "line-art");

        var shown = await CliRunner.RunAsync("assets", "show", id[^12..], "-w", workspace.Root, "--json");

        Assert.True(shown.ExitCode == 0, shown.ToString());
        var json = shown.Json();
        Assert.Contains("hana.ora#", json.GetProperty("asset").GetProperty("originalPath").GetString(), StringComparison.Ordinal);
        Assert.Equal("Mei Hayashi", json.GetProperty("author").GetString());
        var decision = json.GetProperty("consent").GetProperty("decisions").GetProperty("generative-training");
        Assert.False(decision.GetProperty("allowed").GetBoolean());
        Assert.Equal("revoked", decision.GetProperty("reasons")[0].GetProperty("code").GetString());
    }
}
