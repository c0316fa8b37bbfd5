using Spectre.Console;
using Takt.Archive.Rights;
using Takt.Cli.Hosting;
using Takt.Domain.Consent;
using Takt.Domain.Rights;

namespace Takt.Cli.Commands;

/// <summary>How consent records and decisions read, for people and for scripts.</summary>
internal static class ConsentViews
{
    public static object Json(ConsentRecord record) => new
    {
        work = record.Work.Id,
        workKey = record.Work.Key,
        grants = record.Grants.Select(g => new { g.Purpose, g.State, g.Source, g.Terms, g.Evidence, g.EffectiveFrom }),
        revocations = record.Revocations.Select(r => new { purposes = r.Purposes.Split(','), r.EffectiveAt, r.RemovalDeadline, r.RetrainFromScratch, r.Reason }),
        decisions = record.Decisions.ToDictionary(d => Purposes.Name(d.Key), d => Json(d.Value)),
    };

    public static object Json(ConsentDecision decision) => new
    {
        allowed = decision.IsAllowed,
        reasons = decision.Reasons.Select(r => new { code = r.Code, message = r.Describe() }),
        decision.Conditions,
        decision.Notes,
    };

    public static void Write(CliOutput cli, ConsentRecord record)
    {
        var table = new Table().AddColumns("purpose", "decision (own tenant, now)", "why");
        foreach (var (purpose, decision) in record.Decisions)
        {
            table.AddRow(
                Purposes.Name(purpose),
                decision.IsAllowed ? "[green]allowed[/]" : "[red]denied[/]",
                Markup.Escape(string.Join("; ", decision.IsAllowed ? decision.Conditions.DefaultIfEmpty("no conditions") : decision.Reasons.Select(r => r.Describe()))));
        }

        cli.Console.Write(table);
        foreach (var g in record.Grants)
        {
            cli.Plain($"  {g.EffectiveFrom:u}  {g.Purpose}: {g.State} ({g.Source}{(g.Terms is null ? "" : $"; terms: {g.Terms}")}{(g.Evidence is null ? "" : $"; {g.Evidence}")})");
        }

        foreach (var r in record.Revocations)
        {
            cli.Plain($"  {r.EffectiveAt:u}  revoked {r.Purposes}; remove by {r.RemovalDeadline:u}{(r.RetrainFromScratch ? ", retrain from scratch" : "")}{(r.Reason is null ? "" : $" ({r.Reason})")}");
        }
    }
}
