using System.Text.Json;

namespace Takt.Cli.Tests;

/// <summary>
/// What Mei's opt-out demands of the demo studio, closed with a verified replacement, and the
/// release's revenue split, stated and re-derived. One demo workspace of its own: these tests write.
/// </summary>
public sealed class OptOutAndLedgerCommandTests(DemoWorkspace workspace) : IClassFixture<DemoWorkspace>, IDisposable
{
    private readonly TempFolder _temp = new();

    private JsonElement Demo => workspace.Demo.Json();

    private string Step(string step) =>
        Demo.GetProperty("lineage").GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("step").GetString() == step).GetProperty("id").GetString()!;

    [Fact]
    public async Task OptOut_StatusThenResolve_OnlyAReplacementWithoutTheRevokedWorkCloses()
    {
        var status = await Run("optout", "status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        var items = status.Json().GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["rederive-dataset", "rerender", "retrain-model"], items.Select(i => i.GetProperty("action").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(items, i => Assert.Equal("pending", i.GetProperty("state").GetString()));
        var datasetItem = items.Single(i => i.GetProperty("action").GetString() == "rederive-dataset").GetProperty("id").GetString()!;

        // The dataset's members, less the revoked work's assets, make a clean v2; the old one is still tainted.
        var revocation = Demo.GetProperty("lineage").GetProperty("impact").GetProperty("revocation").GetString()!;
        var revoked = (await Run("lineage", "impact", "--revocation", revocation, "--json")).Json().GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToHashSet();
        var members = (await Run("lineage", "show", Step("dataset"), "--json")).Json().GetProperty("parents").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
        var clean = members.Where(m => !revoked.Contains(m)).ToList();
        Assert.NotEmpty(clean);
        var batch = _temp.Combine("v2.json");
        await File.WriteAllTextAsync(batch, JsonSerializer.Serialize(new
        {
            nodes = new[]
            {
                new { kind = "dataset", tenant = "studio-kumo", label = "Hana LoRA dataset v2 (without the withdrawn sheet)", parents = clean.Select(c => new { id = c, weight = 1.0 / clean.Count, role = "sample" }) },
            },
        }), TestContext.Current.CancellationToken);
        var recorded = await Run("lineage", "record", batch, "--json");
        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        var v2 = recorded.Json().GetProperty("recorded")[0].GetProperty("id").GetString()!;

        var refused = await Run("optout", "resolve", datasetItem, "--replacement", Step("dataset"));
        var done = await Run("optout", "resolve", datasetItem, "--replacement", v2, "--json");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("invalidated", refused.Error, StringComparison.Ordinal);
        Assert.True(done.ExitCode == 0, done.ToString());
        Assert.Equal(("done", v2), (done.Json().GetProperty("state").GetString(), done.Json().GetProperty("replacementNodeId").GetString()));
        var after = await Run("optout", "status", "--state", "pending", "--json");
        Assert.Equal(2, after.Json().GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Ledger_RecordStatementVerify_ExactAndReproducible()
    {
        var entry = await Run("ledger", "record", Step("product"), "--amount", "333.33", "--currency", "EUR", "--period", "2026-11", "--json");
        Assert.True(entry.ExitCode == 0, entry.ToString());
        var allocations = entry.Json().GetProperty("allocations").EnumerateArray().Select(a => decimal.Parse(a.GetProperty("amount").GetString()!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(333.33m, allocations.Sum());

        var first = await Run("ledger", "statement", "aiko", "--period", "2026-Q4", "--json");
        var second = await Run("ledger", "statement", "aiko", "--period", "2026-Q4", "--json");
        var verify = await Run("ledger", "verify", entry.Json().GetProperty("id").GetString()!, "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(first.Output, second.Output);
        Assert.Contains(first.Json().GetProperty("lines").EnumerateArray(), l => l.GetProperty("entryPeriod").GetString() == "2026-11");
        Assert.True(verify.Json().GetProperty("verified").GetBoolean(), verify.ToString());
    }

    [Theory]
    [InlineData("12.5", "JPY", "decimal")]
    [InlineData("10", "ZZZ", "unknown currency")]
    [InlineData("NaN", "USD", "")]
    [InlineData("1,000", "USD", "")]
    public async Task Ledger_Record_BadRevenue_RecordsNothing(string amount, string currency, string expected)
    {
        var before = (await Run("audit", "verify", "--json")).Json().GetProperty("entries").GetInt32();

        var outcome = await Run("ledger", "record", Step("product"), "--amount", amount, "--currency", currency, "--period", "2026-12");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, (await Run("audit", "verify", "--json")).Json().GetProperty("entries").GetInt32());
    }

    [Fact]
    public async Task Ledger_Credits_NameOnlyThoseWhoAgreed()
    {
        var credits = await Run("ledger", "credits", Step("product"), "--json");

        Assert.True(credits.ExitCode == 0, credits.ToString());
        var named = credits.Json().GetProperty("credits").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("Studio Kumo", named);
        Assert.Equal(1, credits.Json().GetProperty("anonymous").GetInt32());
    }

    public void Dispose() => _temp.Dispose();

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync([.. args, "-w", workspace.Root]);
}
