using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Provenance.Ledger;

namespace Takt.Cli.Commands;

/// <summary>The revenue ledger: record a product's revenue, read a contributor's statement, list a product's credits.</summary>
public static class LedgerCommand
{
    public static Command Create(GlobalOptions global) =>
        new("ledger", "Split product revenue to contributors along the lineage; statements and credits") { Record(global), Statement(global), Verify(global), Credits(global) };

    private static Command Record(GlobalOptions global)
    {
        var product = new Argument<string>("product") { Description = "The product's lineage node id (or enough of it)" };
        var amount = new Option<string>("--amount") { Description = "Revenue as plain decimal text, e.g. 1200.50", Required = true };
        var currency = new Option<string>("--currency") { Description = "ISO 4217 code (USD, EUR, JPY …)", Required = true };
        var period = new Option<string>("--period") { Description = "2026, 2026-Q4 or 2026-10", Required = true };
        var note = new Option<string?>("--note") { Description = "Where the revenue came from" };
        var command = new Command("record", "Record revenue for a product and split it by the tenant's rule") { product, amount, currency, period, note };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var node = await LineageArguments.NodeAsync(services, result.GetValue(product)!, null, ct);
            var outcome = await services.Ledger.RecordAsync(node, result.GetValue(amount)!, result.GetValue(currency)!, result.GetValue(period)!, result.GetValue(note), ct);
            var entry = outcome.Value ?? throw new UserErrorException(outcome.Problem!);
            if (cli.Json)
            {
                cli.WriteJson(entry);
                return ExitCodes.Ok;
            }

            cli.Line($"Recorded {Markup.Escape(entry.Amount)} for [bold]{Markup.Escape(entry.Product)}[/] ({entry.Period}), rule v{entry.RuleVersion} λ={entry.Lambda.ToString(CultureInfo.InvariantCulture)}; entry {entry.Id}");
            WriteAllocations(cli, entry);
            cli.Line($"Snapshot sha256:{entry.SnapshotHash}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Verify(GlobalOptions global)
    {
        var entry = new Argument<Guid>("entry") { Description = "Revenue entry id" };
        var command = new Command("verify", "Re-derive an entry from the lineage and check its snapshot hash and allocations") { entry };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var outcome = await services.Ledger.VerifyAsync(result.GetValue(entry), ct);
            if (cli.Json)
            {
                cli.WriteJson(new { verified = outcome.Value is not null, problem = outcome.Problem, entry = outcome.Value });
            }
            else if (outcome.Value is { } verified)
            {
                cli.Line($"[green]Verified:[/] entry {verified.Id} re-derives to sha256:{verified.SnapshotHash} with the same allocations.");
            }
            else
            {
                cli.Error.WriteLine($"error: {outcome.Problem}");
            }

            return outcome.Value is null ? ExitCodes.InternalError : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Statement(GlobalOptions global)
    {
        var contributor = new Argument<string>("contributor") { Description = "Contributor key or id" };
        var period = new Option<string>("--period") { Description = "2026, 2026-Q4 or 2026-10 (entries within it)", Required = true };
        var tenant = new Option<string?>("--tenant") { Description = "Tenant slug, when the key is used in several tenants" };
        var command = new Command("statement", "A contributor's statement for a period") { contributor, period, tenant };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var outcome = await services.Ledger.StatementAsync(result.GetValue(contributor)!, result.GetValue(period)!, result.GetValue(tenant), ct);
            var statement = outcome.Value ?? throw new UserErrorException(outcome.Problem!);
            if (cli.Json)
            {
                cli.WriteJson(statement);
                return ExitCodes.Ok;
            }

            cli.Line($"Statement for [bold]{Markup.Escape(statement.Contributor)}[/], {statement.Period}");
            var table = new Table().AddColumns("period", "product", "revenue", "weight", "amount", "snapshot");
            foreach (var line in statement.Lines)
            {
                table.AddRow(line.EntryPeriod, Markup.Escape(line.Product), line.Revenue, line.Weight.ToString("0.######", CultureInfo.InvariantCulture), line.Amount, line.SnapshotHash[..12]);
            }

            cli.Console.Write(table);
            cli.Line($"Total: {(statement.Totals.Count == 0 ? "nothing in this period" : string.Join(", ", statement.Totals))}; statement sha256:{statement.StatementHash}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Credits(GlobalOptions global)
    {
        var product = new Argument<string>("product") { Description = "The product's lineage node id (or enough of it)" };
        var command = new Command("credits", "The people behind a product, named where they agreed to credits") { product };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var outcome = await services.Ledger.CreditsAsync(await LineageArguments.NodeAsync(services, result.GetValue(product)!, null, ct), ct);
            var credits = outcome.Value ?? throw new UserErrorException(outcome.Problem!);
            if (cli.Json)
            {
                cli.WriteJson(credits);
                return ExitCodes.Ok;
            }

            cli.Line($"Credits for [bold]{Markup.Escape(credits.Product)}[/]");
            foreach (var line in credits.Credits)
            {
                cli.Line($"  {Markup.Escape(line.Name)} ({line.Role}) {line.Share:P1}");
            }

            if (credits.Anonymous > 0)
            {
                cli.Line($"  and {credits.Anonymous} contributor(s) who have not agreed to be named");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteAllocations(CliOutput cli, RevenueEntryView entry)
    {
        var table = new Table().AddColumns("party", "count share", "attribution share", "weight", "amount");
        foreach (var a in entry.Allocations)
        {
            table.AddRow(Markup.Escape(a.Party), a.CountShare.ToString("0.####", CultureInfo.InvariantCulture), a.AttributionShare.ToString("0.####", CultureInfo.InvariantCulture),
                a.Weight.ToString("0.####", CultureInfo.InvariantCulture), a.Amount);
        }

        cli.Console.Write(table);
    }
}
