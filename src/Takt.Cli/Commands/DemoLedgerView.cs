using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Provenance.Demo;
using Takt.Provenance.Ledger;

namespace Takt.Cli.Commands;

/// <summary>The demo's last act: what the opt-out demands of the studio, and the release's first revenue split along its lineage.</summary>
internal static class DemoLedgerView
{
    /// <summary>The demo books this once, for the release's first quarter.</summary>
    public const string Amount = "1200.00";
    public const string Currency = "USD";
    public const string Period = "2026-Q4";

    public static async Task<object> RemediateAndBookAsync(TaktServices services, DemoLineageRecord record, CliOutput cli, CancellationToken ct)
    {
        var applied = await services.OptOut.ApplyAsync(ct);
        var items = await services.Remediation.ListAsync(null, null, ct);
        var product = record.Find("product");

        await using var db = services.Contexts.Create();
        var booked = await db.RevenueEntries.AsNoTracking().Where(e => e.ProductNodeId == product.Id.Value).OrderBy(e => e.RecordedAt).Select(e => e.Id).FirstOrDefaultAsync(ct);
        RevenueEntryView entry;
        if (booked == Guid.Empty)
        {
            var outcome = await services.Ledger.RecordAsync(product.Id, Amount, Currency, Period, "demo: first quarter of streaming", ct);
            entry = outcome.Value ?? throw new InvalidOperationException($"the demo revenue could not be recorded: {outcome.Problem}");
        }
        else
        {
            var outcome = await services.Ledger.VerifyAsync(booked, ct);
            entry = outcome.Value ?? throw new InvalidOperationException($"the demo's revenue entry no longer re-derives: {outcome.Problem}");
        }

        if (!cli.Json)
        {
            cli.Line();
            cli.Line($"[blue]Remediation[/] ({items.Count} item(s), due {(items.Count == 0 ? "-" : $"{items.Min(i => i.Deadline):yyyy-MM-dd}")}):");
            foreach (var item in items)
            {
                cli.Line($"  {item.Action,-17} {Markup.Escape($"{item.NodeKind}: {item.NodeLabel}")} [grey]({item.State})[/]");
            }

            cli.Line();
            cli.Line($"[blue]Ledger:[/] {Markup.Escape(entry.Amount)} for [bold]{Markup.Escape(entry.Product)}[/] ({entry.Period}) split by rule v{entry.RuleVersion}, λ={entry.Lambda:0.###}:");
            foreach (var allocation in entry.Allocations)
            {
                cli.Line($"  {allocation.Amount,14}  {Markup.Escape(allocation.Party)}");
            }

            cli.Line($"  [grey]snapshot sha256:{entry.SnapshotHash} (re-derive with ./takt ledger verify {entry.Id})[/]");
        }

        return new { applied, items, revenue = entry };
    }
}
