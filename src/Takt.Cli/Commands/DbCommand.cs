using System.CommandLine;
using Takt.Cli.Hosting;

namespace Takt.Cli.Commands;

public static class DbCommand
{
    public static Command Create(GlobalOptions global)
    {
        var migrate = new Command("migrate", "Apply pending schema migrations (needed for PostgreSQL; SQLite workspaces migrate themselves)");
        global.Bind(migrate, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct, requireCurrentSchema: false);
            var applied = await services.MigrateAsync(ct);
            if (cli.Json)
            {
                cli.WriteJson(new { applied });
            }
            else
            {
                cli.Plain(applied.Count == 0 ? "Schema is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            }

            return ExitCodes.Ok;
        });
        return new Command("db", "Database maintenance") { migrate };
    }
}
