using System.Text.Json;

namespace Takt.Cli.Tests;

/// <summary>The lineage commands on the demo workspace, whose pipeline the demo recorded before Mei's opt-out.</summary>
public sealed class LineageCommandTests(DemoWorkspace workspace) : IClassFixture<DemoWorkspace>, IDisposable
{
    private readonly TempFolder _temp = new();

    private JsonElement Lineage => workspace.Demo.Json().GetProperty("lineage");

    private string Product => Step("product");

    [Fact]
    public void Demo_Json_AttributionSumsToOneAndImpactReachesTheRelease()
    {
        Assert.True(workspace.Demo.ExitCode == 0, workspace.Demo.ToString());
        Assert.True(Lineage.GetProperty("recordedNow").GetBoolean());
        Assert.Contains(Lineage.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("label").GetString()!.StartsWith("demo pipeline: ", StringComparison.Ordinal));

        var attribution = Lineage.GetProperty("attribution");
        var shares = attribution.GetProperty("shares").EnumerateArray().ToList();
        Assert.Equal(1.0, attribution.GetProperty("total").GetDouble(), 9);
        Assert.Equal(1.0, shares.Sum(s => s.GetProperty("share").GetDouble()), 9);
        Assert.Contains(shares, s => s.GetProperty("label").GetString() == "Aiko Tanaka" && s.GetProperty("source").GetString() == "contributor");
        Assert.Contains(shares, s => s.GetProperty("source").GetString() == "external");

        // The dataset took Mei's character sheet while consent allowed it, so her opt-out reaches everything after it.
        var impact = Lineage.GetProperty("impact");
        Assert.Equal("hana-character-sheet", impact.GetProperty("work").GetString());
        Assert.True(impact.GetProperty("total").GetInt32() > 0);
        foreach (var kind in new[] { "dataset", "training-run", "model", "edit", "render", "product" })
        {
            Assert.Equal(1, impact.GetProperty("byKind").GetProperty(kind).GetInt32());
        }

        Assert.Equal(2, impact.GetProperty("byKind").GetProperty("generation").GetInt32());
    }

    [Fact]
    public async Task Demo_RunAgain_FindsThePipelineInsteadOfRecordingIt()
    {
        var again = await CliRunner.RunAsync("demo", "-w", workspace.Root, "--json");

        Assert.True(again.ExitCode == 0, again.ToString());
        var lineage = again.Json().GetProperty("lineage");
        Assert.False(lineage.GetProperty("recordedNow").GetBoolean());
        Assert.Equal(Product, lineage.GetProperty("attribution").GetProperty("product").GetString());
    }

    [Fact]
    public async Task Show_ProductBySuffix_ParentsWithWeightsAndRoles()
    {
        var shown = await Run("lineage", "show", Product[^12..], "--json");

        Assert.True(shown.ExitCode == 0, shown.ToString());
        var json = shown.Json();
        Assert.Equal("product", json.GetProperty("node").GetProperty("kind").GetString());
        var parent = Assert.Single(json.GetProperty("parents").EnumerateArray());
        Assert.Equal(("render", 1.0, "part"), (parent.GetProperty("kind").GetString(), parent.GetProperty("weight").GetDouble(), parent.GetProperty("role").GetString()));
        Assert.Equal(3.0, json.GetProperty("attributes").GetProperty("seconds").GetDouble());
    }

    [Fact]
    public async Task Show_AmbiguousPrefix_ExitOneAskingForMore()
    {
        var shown = await Run("lineage", "show", Product[..6]);

        Assert.Equal(1, shown.ExitCode);
        Assert.Contains("several lineage nodes", shown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attribution_ExplainAndByTenant_SharesAndPaths()
    {
        var byContributor = await Run("lineage", "attribution", Product, "--explain", "3", "--json");
        var byTenant = await Run("lineage", "attribution", Product, "--by", "tenant", "--json");
        var table = await Run("lineage", "attribution", Product, "--explain", "2");

        Assert.True(byContributor.ExitCode == 0, byContributor.ToString());
        Assert.Equal(3, byContributor.Json().GetProperty("paths").GetArrayLength());
        Assert.Equal(1.0, byContributor.Json().GetProperty("total").GetDouble(), 9);
        var tenant = Assert.Single(byTenant.Json().GetProperty("tenants").EnumerateArray());
        Assert.Equal(("studio-kumo", 1.0), (tenant.GetProperty("tenant").GetString(), Math.Round(tenant.GetProperty("share").GetDouble(), 9)));
        Assert.Contains("total 100.00%", table.Output, StringComparison.Ordinal);
        Assert.Contains("Heaviest paths", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impact_Revocation_GroupsDownstreamByKind()
    {
        var revocation = Lineage.GetProperty("impact").GetProperty("revocation").GetString()!;

        var impact = await Run("lineage", "impact", "--revocation", revocation, "--json");

        Assert.True(impact.ExitCode == 0, impact.ToString());
        var json = impact.Json();
        Assert.Equal("hana-character-sheet", json.GetProperty("revocation").GetProperty("work").GetString());
        Assert.Equal(1, json.GetProperty("byKind").GetProperty("product").GetProperty("count").GetInt32());
        Assert.Equal(Product, json.GetProperty("byKind").GetProperty("product").GetProperty("nodes")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Impact_ContributorKeyInTwoTenants_AsksForTenantThenAnswersWithIt()
    {
        var batch = await BatchAsync("""{"nodes":[{"kind":"contributor","tenant":"studio-yoru","label":"Sora Ito (yoru)","reference":"sora"}]}""");
        Assert.Equal(0, (await Run("lineage", "record", batch)).ExitCode);

        var ambiguous = await Run("lineage", "impact", "sora");
        var scoped = await Run("lineage", "impact", "sora", "--tenant", "studio-kumo", "--json");

        Assert.Equal(1, ambiguous.ExitCode);
        Assert.Contains("--tenant", ambiguous.Error, StringComparison.Ordinal);
        Assert.True(scoped.ExitCode == 0, scoped.ToString());
        Assert.Equal("Sora Ito", Assert.Single(scoped.Json().GetProperty("targets").EnumerateArray()).GetProperty("label").GetString());
    }

    [Fact]
    public async Task Record_ValidBatch_PrintsIdsThatShowFinds()
    {
        var model = Guid.CreateVersion7();
        var batch = await BatchAsync($$"""
            {"nodes":[
              {"kind":"generation","tenant":"studio-kumo","label":"test still","parents":[{"id":"{{model}}","weight":1,"role":"base-model"}]},
              {"id":"{{model}}","kind":"model","tenant":"studio-kumo","label":"test checkpoint (external)"}
            ]}
            """);

        var recorded = await Run("lineage", "record", batch, "--json");

        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        var ids = recorded.Json().GetProperty("recorded").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(model.ToString("D"), ids[1]);
        var shown = (await Run("lineage", "show", ids[0], "--json")).Json();
        Assert.Equal(model.ToString("D"), Assert.Single(shown.GetProperty("parents").EnumerateArray()).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("malformed", """{"nodes":[{"kind":"model",}""", "not valid JSON")]
    [InlineData("bare-nan", """{"nodes":[{"kind":"generation","tenant":"studio-kumo","label":"g","parents":[{"id":"@MODEL","weight":NaN,"role":"base-model"}]}]}""", "not valid JSON")]
    [InlineData("string-nan", """{"nodes":[{"kind":"generation","tenant":"studio-kumo","label":"g","parents":[{"id":"@MODEL","weight":"NaN","role":"base-model"}]}]}""", "weight must be a finite number")]
    [InlineData("sum", """{"nodes":[{"kind":"generation","tenant":"studio-kumo","label":"g","parents":[{"id":"@MODEL","weight":0.5,"role":"base-model"}]}]}""", "sum to 0.5, not 1")]
    [InlineData("negative", """{"nodes":[{"kind":"generation","tenant":"studio-kumo","label":"g","parents":[{"id":"@MODEL","weight":-1,"role":"base-model"}]}]}""", "must be a finite number ≥ 0")]
    [InlineData("unknown-parent", """{"nodes":[{"kind":"generation","tenant":"studio-kumo","label":"g","parents":[{"id":"0b3c2a8e-0000-7000-8000-000000000001","weight":1,"role":"base-model"}]}]}""", "no lineage node 0b3c2a8e-0000-7000-8000-000000000001")]
    [InlineData("cycle", """{"nodes":[{"id":"0b3c2a8e-0000-7000-8000-00000000000a","kind":"generation","tenant":"studio-kumo","label":"a","parents":[{"id":"0b3c2a8e-0000-7000-8000-00000000000b","weight":1,"role":"input"}]},{"id":"0b3c2a8e-0000-7000-8000-00000000000b","kind":"generation","tenant":"studio-kumo","label":"b","parents":[{"id":"0b3c2a8e-0000-7000-8000-00000000000a","weight":1,"role":"input"}]}]}""", "cycle")]
    [InlineData("kind", """{"nodes":[{"kind":"painting","tenant":"studio-kumo","label":"x"}]}""", "unknown kind 'painting'")]
    [InlineData("role", """{"nodes":[{"kind":"generation","tenant":"studio-kumo","label":"g","parents":[{"id":"@MODEL","weight":1,"role":"inspiration"}]}]}""", "unknown role 'inspiration'")]
    [InlineData("tenant", """{"nodes":[{"kind":"model","tenant":"studio-nowhere","label":"m"}]}""", "no tenant 'studio-nowhere'")]
    [InlineData("other-tenant", """{"nodes":[{"kind":"generation","tenant":"studio-yoru","label":"g","parents":[{"id":"@MODEL","weight":1,"role":"base-model"}]}]}""", "belongs to another tenant")]
    public async Task Record_BadBatch_ExitOneNamingTheProblemAndRecordsNothing(string name, string json, string expected)
    {
        var model = (await Run("lineage", "show", Step("base-checkpoint"), "--json")).Json().GetProperty("node").GetProperty("id").GetString()!;
        var batch = await BatchAsync(json.Replace("@MODEL", model, StringComparison.Ordinal), name);
        var (nodesBefore, auditBefore) = await CountsAsync();

        var result = await Run("lineage", "record", batch);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Error, StringComparison.Ordinal);
        Assert.Equal((nodesBefore, auditBefore), await CountsAsync());
    }

    [Fact]
    public async Task Export_ProvToFileAndOpenLineageToStdout_ValidJson()
    {
        var file = _temp.Combine("teaser.jsonld");

        var written = await Run("lineage", "export", Product, "--direction", "up", "--output", file, "--json");
        var events = await Run("lineage", "export", Product, "--format", "openlineage");
        var again = await Run("lineage", "export", Product, "--format", "openlineage");
        var outside = await Run("lineage", "export", Product, "--tenant", "studio-yoru");

        Assert.True(written.ExitCode == 0, written.ToString());
        using (var document = JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)))
        {
            Assert.Equal(written.Json().GetProperty("nodes").GetInt32(), document.RootElement.GetProperty("@graph").EnumerateArray().Count(e => e.TryGetProperty("takt:kind", out var k) && e.TryGetProperty("takt:recordedAt", out _)));
        }

        Assert.True(events.ExitCode == 0, events.ToString());
        var lines = events.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Equal("COMPLETE", JsonDocument.Parse(l).RootElement.GetProperty("eventType").GetString()));
        Assert.Equal(events.Output, again.Output);
        Assert.Equal(1, outside.ExitCode);
    }

    public void Dispose() => _temp.Dispose();

    private string Step(string step) =>
        Lineage.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("step").GetString() == step).GetProperty("id").GetString()!;

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync([.. args, "-w", workspace.Root]);

    private async Task<string> BatchAsync(string json, string name = "batch")
    {
        var path = _temp.Combine($"{name}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);
        return path;
    }

    private async Task<(int Nodes, int AuditEntries)> CountsAsync()
    {
        var sync = await Run("lineage", "sync", "--json");
        var audit = await Run("audit", "verify", "--json");
        return (sync.Json().GetProperty("nodes").GetInt32(), audit.Json().GetProperty("entries").GetInt32());
    }
}
