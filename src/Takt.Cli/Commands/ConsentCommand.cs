using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Rights;

namespace Takt.Cli.Commands;

/// <summary>Grant, withdraw, inspect and explain consent. Consent belongs to the work an asset is part of.</summary>
public static class ConsentCommand
{
    public static Command Create(GlobalOptions global) =>
        new("consent", "Record and explain consent per work and purpose") { Grant(global), Revoke(global), Show(global), Explain(global) };

    private static Argument<string> AssetArgument() => new("asset") { Description = "Asset id (or its first characters); consent applies to its whole work" };

    private static Option<string[]> PurposeOption(bool required) => new("--purpose", "-p")
    {
        Description = $"One of {string.Join(", ", Purposes.All.Select(Purposes.Name))}, or 'all' (repeatable)",
        Required = required,
        AllowMultipleArgumentsPerToken = true,
    };

    private static List<Purpose> ParsePurposes(string[]? values) =>
        values is null || values.Length == 0 || values.Any(v => v == "all") ? [] : values.Select(GlobalOptions.ParsePurpose).Distinct().ToList();

    private static Command Grant(GlobalOptions global)
    {
        var asset = AssetArgument();
        var purpose = PurposeOption(required: true);
        var state = new Option<string>("--state") { Description = "allowed, not-allowed, constrained or unspecified", DefaultValueFactory = _ => "allowed" };
        var terms = new Option<string?>("--terms") { Description = "The terms, for constrained consent" };
        var evidence = new Option<string?>("--evidence") { Description = "Where this consent comes from (contract number, form id, message)" };
        var command = new Command("grant", "Record the rights holder's answer for one or more purposes") { asset, purpose, state, terms, evidence };
        global.Bind(command, async (result, cli, ct) =>
        {
            if (!ConsentStates.TryParse(result.GetValue(state), out var parsedState))
            {
                throw new UserErrorException($"unknown state '{result.GetValue(state)}'; use allowed, not-allowed, constrained or unspecified");
            }

            var purposes = ParsePurposes(result.GetValue(purpose));
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var granted = new List<object>();
            foreach (var p in purposes.Count == 0 ? Purposes.All : purposes)
            {
                var outcome = await services.Consent.GrantAsync(result.GetValue(asset)!, p, parsedState, result.GetValue(terms), result.GetValue(evidence), ct);
                if (outcome.Value is null)
                {
                    return GlobalOptions.Fail(cli, outcome.Problem!);
                }

                granted.Add(new { work = outcome.Work!.Key, purpose = outcome.Value.Purpose, outcome.Value.State, outcome.Value.Terms, outcome.Value.EffectiveFrom });
                if (!cli.Json)
                {
                    cli.Line($"{Markup.Escape(outcome.Value.Purpose)}: [bold]{Markup.Escape(outcome.Value.State)}[/] for work [bold]{Markup.Escape(outcome.Work.Title)}[/] from {outcome.Value.EffectiveFrom:u}");
                }
            }

            if (cli.Json)
            {
                cli.WriteJson(new { granted });
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke(GlobalOptions global)
    {
        var asset = AssetArgument();
        var purpose = PurposeOption(required: false);
        var reason = new Option<string?>("--reason") { Description = "Why, in the rights holder's words" };
        var retrain = new Option<bool?>("--retrain-from-scratch") { Description = "Affected models must be retrained from scratch (default: the tenant's policy)" };
        var command = new Command("revoke", "Withdraw consent now (all purposes unless --purpose); starts the removal deadline") { asset, purpose, reason, retrain };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var outcome = await services.Consent.RevokeAsync(result.GetValue(asset)!, ParsePurposes(result.GetValue(purpose)), result.GetValue(reason), result.GetValue(retrain), ct);
            if (outcome.Value is not { } row)
            {
                return GlobalOptions.Fail(cli, outcome.Problem!);
            }

            // The revocation is committed; its consequences in the lineage follow at once (and are
            // caught up by every 'optout status' should this process stop in between).
            var applied = await services.OptOut.ApplyAsync(ct);
            if (cli.Json)
            {
                cli.WriteJson(new { work = outcome.Work!.Key, purposes = row.Purposes.Split(','), row.EffectiveAt, row.RemovalDeadline, row.RetrainFromScratch, row.Reason, lineage = applied });
            }
            else
            {
                cli.Line($"Consent for [bold]{Markup.Escape(row.Purposes)}[/] withdrawn from work [bold]{Markup.Escape(outcome.Work!.Title)}[/], effective {row.EffectiveAt:u}.");
                cli.Line($"Existing datasets and models must drop it by [bold]{row.RemovalDeadline:u}[/]{(row.RetrainFromScratch ? " and be retrained from scratch" : "")}.");
                if (applied.NewInvalidations > 0)
                {
                    cli.Line($"{applied.NewInvalidations} lineage node(s) invalidated; {applied.NewItems} remediation item(s) opened: [bold]./takt optout status[/]");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var asset = AssetArgument();
        var command = new Command("show", "Every consent statement and withdrawal for the asset's work, and today's decisions") { asset };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var outcome = await services.Consent.ShowAsync(result.GetValue(asset)!, ct);
            if (outcome.Value is not { } record)
            {
                return GlobalOptions.Fail(cli, outcome.Problem!);
            }

            if (cli.Json)
            {
                cli.WriteJson(ConsentViews.Json(record));
            }
            else
            {
                cli.Line($"Work [bold]{Markup.Escape(record.Work.Title)}[/] ({Markup.Escape(record.Work.Key)}), {Markup.Escape(record.Work.LicenceId)}, {Markup.Escape(record.Work.Category)}");
                ConsentViews.Write(cli, record);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Explain(GlobalOptions global)
    {
        var asset = AssetArgument();
        var purpose = new Option<string>("--purpose", "-p") { Description = $"One of {string.Join(", ", Purposes.All.Select(Purposes.Name))}", Required = true };
        var scope = new Option<string?>("--as") { Description = "Ask as this tenant (slug) or as shared-pool (default: the owning tenant)" };
        var at = new Option<string?>("--at") { Description = "Decide as of this moment (ISO 8601, default now)" };
        var command = new Command("explain", "Why may or may not this asset be used for a purpose?") { asset, purpose, scope, at };
        global.Bind(command, async (result, cli, ct) =>
        {
            DateTimeOffset? when = null;
            if (result.GetValue(at) is { } text)
            {
                when = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : throw new UserErrorException($"--at '{text}' is not a date and time; use ISO 8601 such as 2026-11-23T10:00:00Z");
            }

            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var outcome = await services.Consent.ExplainAsync(result.GetValue(asset)!, GlobalOptions.ParsePurpose(result.GetValue(purpose)!), result.GetValue(scope), when, ct);
            if (outcome.Value is not { } e)
            {
                return GlobalOptions.Fail(cli, outcome.Problem!);
            }

            if (cli.Json)
            {
                cli.WriteJson(new { asset = e.Asset.Id, work = e.Work.Key, owner = e.Owner.Slug, purpose = Purposes.Name(e.Purpose), scope = e.Scope, at = e.At, decision = ConsentViews.Json(e.Decision) });
                return ExitCodes.Ok;
            }

            cli.Line($"{Markup.Escape(e.Asset.Name)} ({Markup.Escape(e.Work.Key)}) for [bold]{Purposes.Name(e.Purpose)}[/] as {Markup.Escape(e.Scope)} at {e.At:u}: "
                + (e.Decision.IsAllowed ? "[green bold]ALLOWED[/]" : "[red bold]DENIED[/]"));
            foreach (var reason in e.Decision.Reasons)
            {
                cli.Line($"  [red]✗[/] {Markup.Escape(reason.Describe())} [grey]({reason.Code})[/]");
            }

            foreach (var condition in e.Decision.Conditions)
            {
                cli.Line($"  [yellow]![/] {Markup.Escape(condition)}");
            }

            foreach (var note in e.Decision.Notes)
            {
                cli.Line($"  [grey]· {Markup.Escape(note)}[/]");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
