using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Lineage;

namespace Takt.Cli.Commands;

/// <summary>
/// The lineage graph: record derivations, bring the archive in, and ask it for a node's
/// neighbourhood, its attribution, an opt-out's impact, or an export in PROV or OpenLineage.
/// Without --tenant every question is the operator's view of everything.
/// </summary>
public static partial class LineageCommand
{
    public static Command Create(GlobalOptions global) =>
        new("lineage", "Record and question the lineage graph: attribution, opt-out impact, PROV and OpenLineage export")
        {
            Record(global), Sync(global), Show(global), Attribution(global), Impact(global), Export(global),
        };

    private static Option<string?> TenantOption() => new("--tenant")
    {
        Description = "See the graph as this tenant (slug): its own nodes and the shared pool's (default: the operator's view of everything)",
    };

    private static Argument<string> NodeArgument() => new("node") { Description = "Lineage node id (or its first or last characters)" };

    private static Command Record(GlobalOptions global)
    {
        var file = new Argument<string>("file") { Description = "A JSON batch: {\"nodes\":[{\"id\"?, \"kind\", \"tenant\", \"label\", \"reference\"?, \"parents\":[{\"id\",\"weight\",\"role\"}]}]} ('-' reads stdin)" };
        var command = new Command("record", "Append a batch of nodes; all of it or, if anything is wrong, none of it") { file };
        global.Bind(command, async (result, cli, ct) =>
        {
            var path = result.GetValue(file)!;
            string json;
            try
            {
                json = path == "-" ? await Console.In.ReadToEndAsync(ct) : await File.ReadAllTextAsync(path, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserErrorException($"cannot read {path}: {e.Message}");
            }

            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var (entries, problems) = await LineageBatchReader.ReadAsync(json, services.LineageLookup, ct);
            if (problems.Count > 0)
            {
                return Rejected(cli, problems);
            }

            var outcome = await services.Lineage.RecordAsync([.. entries.Select(e => e.Draft)], ct);
            if (!outcome.Succeeded)
            {
                var names = entries.ToDictionary(e => e.Draft.Id, e => e.Name);
                return Rejected(cli, [.. outcome.Problems.Select(p => $"{names.GetValueOrDefault(p.Node, p.Node.ToString())}: {p.Message}")]);
            }

            if (cli.Json)
            {
                cli.WriteJson(new { recorded = entries.Select(e => new { id = e.Draft.Id.Value, kind = LineageNodeKinds.Name(e.Draft.Kind), label = e.Draft.Label }) });
                return ExitCodes.Ok;
            }

            foreach (var entry in entries)
            {
                cli.Plain($"{entry.Draft.Id}  {LineageNodeKinds.Name(entry.Draft.Kind),-12}  {entry.Draft.Label}");
            }

            cli.Line($"Recorded {entries.Count} node(s).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Rejected(CliOutput cli, IReadOnlyList<string> problems)
    {
        if (cli.Json)
        {
            cli.WriteJson(new { error = "the batch was not recorded", problems });
        }

        cli.Error.WriteLine($"error: the batch was not recorded ({problems.Count} problem(s)); nothing was written:");
        foreach (var problem in problems)
        {
            cli.Error.WriteLine($"  {problem}");
        }

        return ExitCodes.UserError;
    }

    private static Command Sync(GlobalOptions global)
    {
        var command = new Command("sync", "Bring the archive's contributors and assets into the graph as its roots (once each)");
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var before = await CountsAsync(services, ct);
            var added = await services.Lineage.SyncArchiveAsync(ct);
            var after = await CountsAsync(services, ct);
            var index = await services.Lineage.IndexAsync(ct);
            var addedByKind = after.Where(k => k.Value > before.GetValueOrDefault(k.Key)).ToDictionary(k => k.Key, k => k.Value - before.GetValueOrDefault(k.Key));
            if (cli.Json)
            {
                cli.WriteJson(new { added, addedByKind, nodes = index.NodeCount, edges = index.EdgeCount, byKind = after });
                return ExitCodes.Ok;
            }

            cli.Line(added == 0
                ? "The graph already holds every archive contributor and asset."
                : $"Added {string.Join(" and ", addedByKind.Select(k => $"{k.Value} {Markup.Escape(k.Key)} node(s)"))}.");
            cli.Line($"The graph holds {index.NodeCount:N0} node(s) and {index.EdgeCount:N0} edge(s): {string.Join(", ", after.Select(k => $"{k.Value:N0} {Markup.Escape(k.Key)}"))}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<Dictionary<string, int>> CountsAsync(TaktServices services, CancellationToken ct)
    {
        await using var db = services.Contexts.Create();
        var counts = await db.LineageNodes.AsNoTracking().GroupBy(n => n.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return LineageNodeKinds.All.Select(LineageNodeKinds.Name)
            .Select(k => (k, counts.FirstOrDefault(c => c.Key == k)?.Count ?? 0)).Where(k => k.Item2 > 0)
            .ToDictionary(k => k.k, k => k.Item2);
    }
}
