using System.CommandLine;
using Spectre.Console;
using Takt.Archive.Demo;
using Takt.Archive.Ingest;
using Takt.Archive.Ingest.Manifests;
using Takt.Archive.Workspaces;
using Takt.Cli.Hosting;
using Takt.Provenance.Demo;

namespace Takt.Cli.Commands;

/// <summary>
/// Takt's main job on the embedded default: draw the sample production, ingest both studios,
/// withdraw one artist's consent, show what that means, and render a short signed video from the
/// archive's layers. Safe to run again.
/// </summary>
public static class DemoCommand
{
    public static Command Create(GlobalOptions global)
    {
        var source = new Option<string?>("--source") { Description = "Where to write the sample production's files (default: <workspace>/demo-source)" };
        var command = new Command("demo", "Build the sample production in a workspace (created if needed) and summarise it") { source };
        global.Bind(command, async (result, cli, ct) =>
        {
            var root = global.WorkspacePath(result);
            var (_, created) = await Workspace.InitAsync(root, new WorkspaceConfig(), ct);
            var services = await TaktServices.OpenAsync(root, ct);
            var folder = Path.GetFullPath(result.GetValue(source) ?? Path.Combine(root, "demo-source"));
            if (!cli.Json)
            {
                cli.Line($"{(created ? "Created" : "Using")} workspace [bold]{Markup.Escape(root)}[/]; drawing the sample production into {Markup.Escape(folder)}");
            }

            var production = await DemoProduction.WriteAsync(folder, ct);
            var reports = new List<IngestReport>();
            foreach (var studio in production.Folders)
            {
                var report = await cli.WithProgressAsync($"Ingesting {Path.GetFileName(studio)}", report => services.Ingest.IngestAsync(
                    studio, new IngestOptions(), new SyncProgress<IngestProgress>(p => report(p.Done, p.Total, p.Current)), ct));
                reports.Add(report);
                if (!cli.Json)
                {
                    IngestReportView.Write(cli, report);
                }
            }

            // The pipeline is recorded before the opt-out, as production would have: its dataset took
            // the character sheet while consent allowed it, and the revocation then reaches it.
            var pipeline = await services.DemoLineage.RecordOnceAsync(ct);
            if (!cli.Json)
            {
                DemoLineageView.WriteRecorded(cli, pipeline);
            }

            var revoked = await RevokeOnceAsync(services, production, cli, ct);
            var answers = await DemoLineageView.AfterRevocationAsync(services, pipeline, DemoLineage.Tenant, production.RevokeWorkKey, cli, ct);
            var ledger = await DemoLedgerView.RemediateAndBookAsync(services, pipeline, cli, ct);
            var dataset = await BuildDatasetAsync(services, folder, cli, ct);
            var teaser = await DemoTeaser.RenderAsync(services, cli, ct);
            var summaries = await services.Summary.RunAsync(ct);
            if (cli.Json)
            {
                cli.WriteJson(new { workspace = root, source = folder, production.FileCount, ingests = reports, revoked, lineage = DemoLineageView.Json(pipeline, answers), optOutAndLedger = ledger, dataset, teaser, summary = summaries });
            }
            else
            {
                cli.Line();
                SummaryView.Write(cli, summaries);
                cli.Line();
                cli.Line("Next: [bold]./takt assets list[/], [bold]./takt consent explain <asset> --purpose generative-training[/], [bold]./takt lineage show <id>[/], [bold]./takt optout status[/], [bold]./takt dataset show hana-lora[/], [bold]./takt ledger statement aiko --period 2026[/], [bold]./takt audit verify[/]");
            }

            return reports.All(r => r.Failures.Count == 0) ? ExitCodes.Ok : ExitCodes.InternalError;
        });
        return command;
    }

    /// <summary>The studio's character LoRA set, as a trainer would want it, after the opt-out: the withdrawn sheet is excluded with its reason.</summary>
    public const string DatasetRecipe = """
        {
          "name": "hana-lora",
          "tenant": "studio-kumo",
          "purpose": "generative-training",
          "selection": {"projects": ["hanabi"], "layerKinds": ["character", "colour", "line-art", "storyboard", "reference", "background"]},
          "target": {"format": "kohya", "resolution": 768, "maxBucket": 1536, "repeats": 10, "concept": "hana"}
        }
        """;

    private static async Task<object> BuildDatasetAsync(TaktServices services, string folder, CliOutput cli, CancellationToken ct)
    {
        // The recipe sits beside the production, so a user can change it and run 'takt dataset build' themselves.
        var path = Path.Combine(folder, "hana-lora.json");
        await File.WriteAllTextAsync(path, DatasetRecipe, ct);
        var recipe = Domain.Datasets.DatasetRecipe.Parse(DatasetRecipe);
        var outcome = await cli.WithProgressAsync("Building the hana-lora dataset", report => services.Datasets.BuildAsync(
            recipe, folder, null, new SyncProgress<Archive.Datasets.DatasetProgress>(p => report(p.Done, p.Total, p.Current)), ct));
        if (!cli.Json)
        {
            cli.Line();
            cli.Line($"[bold]Dataset[/] (recipe {Markup.Escape(path)}):");
            DatasetViews.Built(cli, outcome);
        }

        return new
        {
            recipe = path,
            name = outcome.Version.Name,
            versionId = outcome.Version.VersionHash,
            path = outcome.Build.Folder,
            samples = outcome.Version.Samples,
            excluded = outcome.Version.Excluded,
            exclusionReasons = DatasetViews.ReasonCounts(outcome.Build.Manifest.Exclusions),
        };
    }

    // Mei Hayashi withdraws consent for her character sheet: the demo's opt-out story, recorded once.
    private static async Task<object?> RevokeOnceAsync(TaktServices services, DemoProductionSummary production, CliOutput cli, CancellationToken ct)
    {
        var tenant = Path.GetFileName(production.Folders[0]);
        var manifest = await ManifestReader.ReadAsync(Path.Combine(production.Folders[0], ProductionManifest.FileName), ct);
        var asset = await services.Assets.FindByWorkKeyAsync(manifest.Tenant ?? tenant, production.RevokeWorkKey, ct)
            ?? throw new InvalidOperationException($"the demo work {production.RevokeWorkKey} was not ingested");
        var record = await services.Consent.ShowAsync(asset.ToString(), ct);
        if (record.Value!.Revocations.Count > 0)
        {
            return null;
        }

        var who = manifest.Contributors.FirstOrDefault(c => c.Id == production.RevokeContributor)?.Name ?? production.RevokeContributor;
        var outcome = await services.Consent.RevokeAsync(asset.ToString(), [], $"{who} withdrew consent for the character sheet", retrainFromScratch: null, ct);
        if (!cli.Json)
        {
            cli.Line($"[yellow]Opt-out:[/] {Markup.Escape(who)} withdrew consent for [bold]{Markup.Escape(outcome.Work!.Title)}[/]; remove from existing datasets and models by {outcome.Value!.RemovalDeadline:u}");
        }

        return new { work = outcome.Work!.Key, outcome.Value!.EffectiveAt, outcome.Value.RemovalDeadline };
    }
}
