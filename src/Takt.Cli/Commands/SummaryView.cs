using Spectre.Console;
using Takt.Archive.Assets;
using Takt.Cli.Hosting;

namespace Takt.Cli.Commands;

internal static class SummaryView
{
    public static void Write(CliOutput cli, IReadOnlyList<ArchiveSummary> summaries)
    {
        foreach (var s in summaries)
        {
            cli.Line($"[bold underline]{Markup.Escape(s.Name)}[/] ({Markup.Escape(s.Tenant)}): {s.Assets} assets by {s.Contributors.Count} contributors");
            cli.Plain("  by layer kind: " + string.Join(", ", s.AssetsByLayerKind.Select(k => $"{k.Key} {k.Value}")));
            cli.Plain("  contributors: " + string.Join(", ", s.Contributors));
            var table = new Table().AddColumns("purpose", "allowed", "denied", "main reasons for denial");
            foreach (var (purpose, tally) in s.DecisionsByPurpose)
            {
                table.AddRow(
                    purpose + (purpose == "shared-pool-training" ? " (as the pool)" : ""),
                    $"[green]{tally.Allowed}[/]",
                    $"[red]{tally.Denied}[/]",
                    Markup.Escape(string.Join(", ", tally.DenialReasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"))));
            }

            cli.Console.Write(table);
        }
    }
}
