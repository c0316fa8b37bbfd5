using Takt.TestKit.C2pa;

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

    [Fact]
    public async Task Demo_Teaser_IsSignedAndTrustedByTheReferenceReader_ItsIngredientsLeadBackToTheFestivalWorks()
    {
        var teaser = workspace.Demo.Json().GetProperty("teaser");
        Assert.Equal("Trusted", teaser.GetProperty("state").GetString());
        var path = teaser.GetProperty("path").GetString()!;
        Assert.Equal(Path.Combine(workspace.Root, "outputs", "hanabi-teaser.mp4"), path);

        var report = await C2paReferenceReader.ReadAsync(path, Path.Combine(workspace.Root, "keys", "trust-anchors.pem"), TestContext.Current.CancellationToken);

        Assert.True(report.State == "Trusted", string.Join(", ", report.Failure.Select(f => f.Code)));
        var manifest = report.Manifests.GetProperty(report.ActiveManifest!);
        var ingredients = manifest.GetProperty("ingredients").EnumerateArray().ToList();
        Assert.Equal(["festival_far", "festival_mid", "festival_near"], ingredients.Select(i => i.GetProperty("title").GetString()));
        Assert.All(ingredients, i => Assert.Equal("componentOf", i.GetProperty("relationship").GetString()));
        Assert.All(ingredients, i => Assert.Contains("work festival-bg", i.GetProperty("description").GetString(), StringComparison.Ordinal));
        var labels = manifest.GetProperty("assertions").EnumerateArray().Select(a => a.GetProperty("label").GetString()).ToList();
        Assert.Contains("cawg.training-mining", labels);
        var stamp = manifest.GetProperty("assertions").EnumerateArray().Single(a => a.GetProperty("label").GetString() == "org.takt.lineage").GetProperty("data");
        var lineage = await CliRunner.RunAsync("lineage", "show", stamp.GetProperty("node").GetString()!, "-w", workspace.Root, "--json");
        Assert.True(lineage.ExitCode == 0, lineage.ToString());
        Assert.StartsWith("sha256:", stamp.GetProperty("attributionSnapshot").GetString(), StringComparison.Ordinal);

        // Verified by Takt itself too, with the workspace's anchors by default.
        var verify = await CliRunner.RunAsync("verify", path, "-w", workspace.Root, "--json");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal("Trusted", verify.Json().GetProperty("state").GetString());
    }
}
