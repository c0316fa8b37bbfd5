using System.CommandLine;
using Takt.Cli.Hosting;

namespace Takt.Cli.Commands;

public static class SummaryCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("summary", "Per tenant: assets by layer kind, contributors, and today's consent decisions per purpose");
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var summaries = await services.Summary.RunAsync(ct);
            if (cli.Json)
            {
                cli.WriteJson(summaries);
            }
            else
            {
                SummaryView.Write(cli, summaries);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
