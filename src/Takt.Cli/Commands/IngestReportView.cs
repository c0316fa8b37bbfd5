using Spectre.Console;
using Takt.Archive.Ingest;
using Takt.Cli.Hosting;

namespace Takt.Cli.Commands;

/// <summary>How an ingest report reads on a terminal.</summary>
internal static class IngestReportView
{
    public static void Write(CliOutput cli, IngestReport report)
    {
        cli.Line($"[bold]{Markup.Escape(report.Tenant)}/{Markup.Escape(report.Project)}[/]: {report.FilesStored} file(s) stored as {report.AssetsStored} asset(s), "
            + $"{report.FilesUnchanged} unchanged, {report.Failures.Count} failed ({report.BytesStored / 1024.0 / 1024.0:F1} MiB in {report.Elapsed.TotalSeconds:F1} s)");
        if (report.StoredByLayerKind.Count > 0)
        {
            cli.Plain("  by layer kind: " + string.Join(", ", report.StoredByLayerKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}")));
        }

        foreach (var failure in report.Failures)
        {
            cli.Line($"  [red]failed[/] {Markup.Escape(failure.Path)}: {Markup.Escape(failure.Problem)}");
        }

        foreach (var warning in report.Warnings)
        {
            cli.Line($"  [yellow]warning[/] {Markup.Escape(warning.Path)}: {Markup.Escape(warning.Problem)}");
        }
    }
}
