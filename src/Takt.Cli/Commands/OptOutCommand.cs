using System.CommandLine;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Provenance.OptOut;

namespace Takt.Cli.Commands;

/// <summary>
/// What opt-outs demand of the studio: each affected dataset, model and output, with its action,
/// deadline and state. Every call first applies revocations to the graph (idempotent), so a
/// revocation or a node recorded since is never missed.
/// </summary>
public static class OptOutCommand
{
    public static Command Create(GlobalOptions global) =>
        new("optout", "Opt-out remediation: what withdrawn consent invalidated, and what must be redone by when") { Status(global), Resolve(global) };

    private static Command Status(GlobalOptions global)
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's items (slug)" };
        var state = new Option<string?>("--state") { Description = "Only items in this state: pending, overdue or done" };
        var command = new Command("status", "List remediation items with their deadlines and states") { tenant, state };
        global.Bind(command, async (result, cli, ct) =>
        {
            var wanted = result.GetValue(state);
            if (wanted is not (null or RemediationActions.Pending or RemediationActions.Overdue or RemediationActions.Done))
            {
                throw new UserErrorException($"--state must be pending, overdue or done, not '{wanted}'");
            }

            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var tenantId = await LineageArguments.ScopeAsync(services, result.GetValue(tenant), ct);
            var applied = await services.OptOut.ApplyAsync(ct);
            var items = await services.Remediation.ListAsync(tenantId, wanted, ct);
            if (cli.Json)
            {
                cli.WriteJson(new { applied, items });
                return ExitCodes.Ok;
            }

            if (applied.NewInvalidations > 0)
            {
                cli.Line($"Applied {applied.Revocations} revocation(s): {applied.NewInvalidations} node(s) newly invalidated, {applied.NewItems} new item(s).");
            }

            if (items.Count == 0)
            {
                cli.Line("No remediation items.");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("item", "work", "action", "node", "deadline", "state");
            foreach (var item in items)
            {
                var colour = item.State switch { RemediationActions.Overdue => "red", RemediationActions.Pending => "yellow", _ => "green" };
                table.AddRow(item.Id.ToString(), Markup.Escape(item.Work), item.Action + (item.FromScratch ? " (from scratch)" : ""),
                    Markup.Escape($"{item.NodeKind}: {item.NodeLabel}"), $"{item.Deadline:yyyy-MM-dd}", $"[{colour}]{item.State}[/]");
            }

            cli.Console.Write(table);
            var counts = items.GroupBy(i => i.State).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
            cli.Line(string.Join(", ", counts) + ". Resolve with [bold]./takt optout resolve <item> --replacement <node>[/].");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Resolve(GlobalOptions global)
    {
        var item = new Argument<string>("item") { Description = "Remediation item id (or enough of its start)" };
        var replacement = new Option<string>("--replacement") { Description = "The node that replaces the invalidated one", Required = true };
        var command = new Command("resolve", "Mark an item done: its replacement must have no path to the revoked work") { item, replacement };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var node = await LineageArguments.NodeAsync(services, result.GetValue(replacement)!, null, ct);
            var outcome = await services.Remediation.ResolveAsync(result.GetValue(item)!, node, ct);
            if (outcome.Item is null)
            {
                throw new UserErrorException(outcome.Problem!);
            }

            if (cli.Json)
            {
                cli.WriteJson(outcome.Item);
            }
            else
            {
                cli.Line($"[green]Done:[/] {Markup.Escape(outcome.Item.Action)} of {Markup.Escape(outcome.Item.NodeLabel)}, replaced by {outcome.Item.ReplacementNodeId} (no path to the revoked work).");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
