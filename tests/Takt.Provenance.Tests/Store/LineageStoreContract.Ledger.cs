using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Provenance.Ledger;
using Takt.TestKit.Databases;

namespace Takt.Provenance.Tests.Store;

public abstract partial class LineageStoreContract
{
    private static async Task<(LedgerService Ledger, LineageNodeId Product, ArchiveSeed Seed, Production P)> ReleasedProductAsync(ITestDatabase database)
    {
        var seed = await ArchiveSeed.CreateAsync(database.Contexts, 3, [[0], [1, 2]], sharedPool: false, Ct);
        var store = StoreOn(database);
        var p = await RecordProductionAsync(store, seed, Ct);
        var tenant = new TenantId(seed.Tenant);
        var (render, product) = (LineageNodeId.New(), LineageNodeId.New());
        var outcome = await store.RecordAsync(
        [
            new(render, LineageNodeKind.Render, tenant, "cut 1", LineageWeights.ForRender([(p.Edit, 48), (p.Generation, 24)])),
            new(product, LineageNodeKind.Product, tenant, "episode 1", LineageWeights.ForProduct([(render, 3.0)])),
        ], Ct);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems));
        return (new LedgerService(database.Contexts, store, new AuditLog(Path.Combine(database.Folder, "audit.head"), TimeProvider.System), TimeProvider.System), product, seed, p);
    }

    [Fact]
    public async Task Ledger_Record_SplitsExactlyAndVerifies()
    {
        await using var database = await CreateDatabaseAsync(Ct);
        var (ledger, product, seed, _) = await ReleasedProductAsync(database);

        var entry = await ledger.RecordAsync(product, "1000.01", "usd", "2026-Q4", null, Ct);

        Assert.Null(entry.Problem);
        await using var db = database.Contexts.Create();
        var minor = await db.RevenueAllocations.Where(a => a.EntryId == entry.Value!.Id).Select(a => a.AmountMinor).ToListAsync(Ct);
        Assert.Equal(100_001, minor.Sum());
        Assert.All(minor, m => Assert.True(m >= 0));
        Assert.Contains(entry.Value!.Allocations, a => a.PartyKey == "retained");
        Assert.Contains(entry.Value.Allocations, a => a.PartyKey == seed.Contributors[0].ToString());
        Assert.Null((await ledger.VerifyAsync(entry.Value.Id, Ct)).Problem);
    }

    [Theory]
    [InlineData("12.5", "JPY", "2026-10", "decimal")]
    [InlineData("10", "XXQ", "2026-10", "unknown currency")]
    [InlineData("1e3", "USD", "2026-10", "")]
    [InlineData("-5", "USD", "2026-10", "")]
    [InlineData("10", "USD", "2026-13", "period")]
    public async Task Ledger_Record_BadInput_RecordsNothing(string amount, string currency, string period, string expected)
    {
        await using var database = await CreateDatabaseAsync(Ct);
        var (ledger, product, _, _) = await ReleasedProductAsync(database);

        var outcome = await ledger.RecordAsync(product, amount, currency, period, null, Ct);

        Assert.Null(outcome.Value);
        Assert.Contains(expected, outcome.Problem, StringComparison.OrdinalIgnoreCase);
        await using var db = database.Contexts.Create();
        Assert.Equal(0, await db.RevenueEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task Ledger_Statement_IsByteIdenticalAndSumsToAllocations()
    {
        await using var database = await CreateDatabaseAsync(Ct);
        var (ledger, product, seed, _) = await ReleasedProductAsync(database);
        await ledger.RecordAsync(product, "500.00", "EUR", "2026-10", null, Ct);
        await ledger.RecordAsync(product, "250.00", "EUR", "2026-11", null, Ct);
        await ledger.RecordAsync(product, "90000", "JPY", "2027-01", null, Ct);

        var first = await ledger.StatementAsync("artist-0", "2026-Q4", null, Ct);
        var second = await ledger.StatementAsync(seed.Contributors[0].ToString(), "2026-Q4", null, Ct);

        Assert.Null(first.Problem);
        Assert.Equal(2, first.Value!.Lines.Count);
        Assert.Equal(JsonSerializer.Serialize(first.Value), JsonSerializer.Serialize(second.Value));
        Assert.Single(first.Value.Totals);
        Assert.EndsWith(" EUR", first.Value.Totals[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_Credits_NameOnlyThoseWhoAgreed()
    {
        await using var database = await CreateDatabaseAsync(Ct);
        var (ledger, product, seed, _) = await ReleasedProductAsync(database);
        await seed.StateAsync(database.Contexts, 0, "credits-display", "allowed", Ct);

        // CC0 alone would let credits show; the holders of work 1 said no.
        await seed.StateAsync(database.Contexts, 1, "credits-display", "not-allowed", Ct);

        var credits = await ledger.CreditsAsync(product, Ct);

        Assert.Equal(["Artist 0"], credits.Value!.Credits.Select(c => c.Name));
        Assert.Equal(2, credits.Value.Anonymous);
    }
}
