using System.CommandLine;
using Takt.Cli.Hosting;

namespace Takt.Cli.Commands;

public static class AuditCommand
{
    public static Command Create(GlobalOptions global)
    {
        var verify = new Command("verify", "Check the hash-chained audit log: any edited, removed or reordered entry is reported");
        global.Bind(verify, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            await using var db = services.Contexts.Create();
            var verification = await services.Audit.VerifyAsync(db, ct);
            if (cli.Json)
            {
                cli.WriteJson(new { intact = verification.IsIntact, entries = verification.Entries, head = verification.HeadHash, problems = verification.Problems });
            }
            else if (verification.IsIntact)
            {
                cli.Line($"[green]intact[/]: {verification.Entries} entries, head {verification.HeadHash ?? "(empty)"}");
            }
            else
            {
                cli.Line($"[red]TAMPERED[/]: {verification.Problems.Count} problem(s) in {verification.Entries} entries");
                foreach (var p in verification.Problems)
                {
                    cli.Plain($"  entry {p.Sequence}: {p.Description}");
                }
            }

            return verification.IsIntact ? ExitCodes.Ok : ExitCodes.UserError;
        });
        return new Command("audit", "The append-only audit log") { verify };
    }
}
