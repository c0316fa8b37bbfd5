using System.CommandLine;
using Takt.Archive.Ingest;
using Takt.Archive.Media;
using Takt.Cli.Hosting;

namespace Takt.Cli.Commands;

public static class IngestCommand
{
    public static Command Create(GlobalOptions global)
    {
        var path = new Argument<string>("path") { Description = "A folder (with takt.json/takt.yaml, or named by convention), an .ora file or any single file" };
        var tenant = new Option<string?>("--tenant") { Description = "Tenant slug (overrides the manifest; default 'default')" };
        var project = new Option<string?>("--project") { Description = "Project slug (overrides the manifest; default: the folder's name)" };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Files decoded at once (default: one per core)" };
        var batch = new Option<int>("--batch-size") { Description = "Files recorded per transaction", DefaultValueFactory = _ => 64 };
        var command = new Command("ingest", "Bring production material into the archive; re-ingesting the same content changes nothing") { path, tenant, project, jobs, batch };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var options = new IngestOptions
            {
                Tenant = result.GetValue(tenant),
                Project = result.GetValue(project),
                Parallelism = result.GetValue(jobs) is { } j and > 0 ? j : Environment.ProcessorCount,
                BatchSize = result.GetValue(batch) is { } b and >= 1 and <= 10_000 ? b : throw new UserErrorException("--batch-size must be between 1 and 10000"),
                Images = new ImageProbeOptions { MaxPixels = services.Workspace.Config.MaxPixels },
            };
            var report = await cli.WithProgressAsync("Ingesting", report => services.Ingest.IngestAsync(
                result.GetValue(path)!, options, new SyncProgress<IngestProgress>(p => report(p.Done, p.Total, p.Current)), ct));

            if (cli.Json)
            {
                cli.WriteJson(report);
            }
            else
            {
                IngestReportView.Write(cli, report);
            }

            return report.Failures.Count == 0 ? ExitCodes.Ok : ExitCodes.UserError;
        });
        return command;
    }
}
