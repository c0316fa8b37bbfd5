namespace Takt.Cli.Tests;

public sealed class ConsentCommandTests(DemoWorkspace workspace) : IClassFixture<DemoWorkspace>
{
    [Fact]
    public async Task Explain_Commission_DeniedByCategoryDespiteConsent()
    {
        var id = await workspace.AssetIdAsync("reference", "commission");

        var explained = await CliRunner.RunAsync("consent", "explain", id, "--purpose", "generative-training", "-w", workspace.Root, "--json");

        Assert.True(explained.ExitCode == 0, explained.ToString());
        var decision = explained.Json().GetProperty("decision");
        Assert.False(decision.GetProperty("allowed").GetBoolean());
        Assert.Equal(["category-excluded"], decision.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Explain_AsAnotherTenant_Denied()
    {
        var id = await workspace.AssetIdAsync("background", "far");

        var explained = await CliRunner.RunAsync("consent", "explain", id, "-p", "reference-use", "--as", "studio-yoru", "-w", workspace.Root, "--json");

        Assert.Contains("other-tenant", explained.Output, StringComparison.Ordinal);
        Assert.False(explained.Json().GetProperty("decision").GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task GrantThenRevoke_Storyboard_DecisionFollowsAndAuditStaysIntact()
    {
        var id = await workspace.AssetIdAsync("storyboard", "");
        var granted = await CliRunner.RunAsync("consent", "grant", id, "-p", "shared-pool-training", "--state", "allowed", "--evidence", "form 42", "-w", workspace.Root, "--json");
        Assert.True(granted.ExitCode == 0, granted.ToString());

        var revoked = await CliRunner.RunAsync("consent", "revoke", id, "-p", "generative-training", "--reason", "changed my mind", "-w", workspace.Root, "--json");
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        var r = revoked.Json();
        Assert.Equal(60, (r.GetProperty("removalDeadline").GetDateTimeOffset() - r.GetProperty("effectiveAt").GetDateTimeOffset()).TotalDays, 3);

        var explained = (await CliRunner.RunAsync("consent", "explain", id, "-p", "generative-training", "-w", workspace.Root, "--json")).Json();
        Assert.Equal("revoked", explained.GetProperty("decision").GetProperty("reasons")[0].GetProperty("code").GetString());
        var past = (await CliRunner.RunAsync("consent", "explain", id, "-p", "generative-training", "--at", "2000-01-01T00:00:00Z", "-w", workspace.Root, "--json")).Json();
        Assert.False(past.GetProperty("decision").GetProperty("allowed").GetBoolean());
        Assert.Equal(0, (await CliRunner.RunAsync("audit", "verify", "-w", workspace.Root)).ExitCode);
    }

    [Theory]
    [InlineData("grant", "--purpose", "painting", "unknown purpose 'painting'")]
    [InlineData("grant", "--state", "maybe", "unknown state 'maybe'")]
    [InlineData("grant", "--state", "constrained", "needs its terms")]
    public async Task Grant_BadValues_ExitOneWithWhatToFix(string verb, string option, string value, string expected)
    {
        var id = await workspace.AssetIdAsync("storyboard", "");
        string[] args = option == "--purpose" ? [verb, id, option, value] : [verb, id, "-p", "reference-use", option, value];

        var result = await CliRunner.RunAsync(["consent", .. args, "-w", workspace.Root]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_UnknownAsset_ExitOne()
    {
        var result = await CliRunner.RunAsync("consent", "explain", "0000000000", "-p", "reference-use", "-w", workspace.Root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no asset id starts or ends with", result.Error, StringComparison.Ordinal);
    }
}
