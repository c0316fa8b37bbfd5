using System.CommandLine;
using Spectre.Console;
using Takt.Archive.Assets;
using Takt.Cli.Hosting;

namespace Takt.Cli.Commands;

public static class AssetsCommand
{
    public static Command Create(GlobalOptions global) => new("assets", "Browse the archive") { List(global), Show(global) };

    private static Command List(GlobalOptions global)
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant" };
        var project = new Option<string?>("--project") { Description = "Only this project" };
        var scene = new Option<string?>("--scene") { Description = "Only this scene (e.g. sc01)" };
        var cut = new Option<string?>("--cut") { Description = "Only this cut (e.g. c002)" };
        var kind = new Option<string?>("--kind") { Description = "Only this layer kind (e.g. background, line-art)" };
        var limit = new Option<int>("--limit") { Description = "At most this many rows", DefaultValueFactory = _ => 100 };
        var offset = new Option<int>("--offset") { Description = "Skip this many rows" };
        var command = new Command("list", "List assets, newest projects first") { tenant, project, scene, cut, kind, limit, offset };
        global.Bind(command, async (result, cli, ct) =>
        {
            if (result.GetValue(limit) is < 1 or > 10_000)
            {
                throw new UserErrorException("--limit must be between 1 and 10000");
            }

            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var (page, total) = await services.Assets.ListAsync(new AssetFilter
            {
                Tenant = result.GetValue(tenant),
                Project = result.GetValue(project),
                Scene = result.GetValue(scene),
                Cut = result.GetValue(cut),
                LayerKind = result.GetValue(kind),
                Limit = result.GetValue(limit),
                Offset = Math.Max(0, result.GetValue(offset)),
            }, ct);
            if (cli.Json)
            {
                cli.WriteJson(new { total, assets = page });
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("id", "tenant/project", "scene/cut", "kind", "name", "size", "type");
            foreach (var a in page)
            {
                table.AddRow(
                    a.Id.ToString("D"),
                    Markup.Escape($"{a.Tenant}/{a.Project}"),
                    Markup.Escape($"{a.Scene ?? "-"}/{a.Cut ?? "-"}"),
                    Markup.Escape(a.LayerKind),
                    Markup.Escape((a.ContainerId is null ? "" : "  ↳ ") + a.Name),
                    a.Width is { } w ? $"{w}×{a.Height}" + (a.BitDepth is { } b ? $" {b}-bit" : "") : "-",
                    Markup.Escape(a.MediaType));
            }

            cli.Console.Write(table);
            cli.Plain($"{page.Count} of {total} asset(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var asset = new Argument<string>("asset") { Description = "Asset id (or its first characters)" };
        var command = new Command("show", "Everything known about one asset: file facts, work, rights, the C2PA record it came with, and consent") { asset };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var (details, problem) = await services.Assets.ShowAsync(result.GetValue(asset)!, ct);
            if (details is null)
            {
                return GlobalOptions.Fail(cli, problem!);
            }

            var provenance = await AssetProvenanceView.ReadAsync(services, details.Asset.Sha256, details.Asset.MediaType, ct);
            if (cli.Json)
            {
                cli.WriteJson(new { details.Summary, asset = details.Asset, work = new { details.Work.Id, details.Work.Key, details.Work.Title, details.Work.Category, licence = details.Work.LicenceId, details.Work.LicenceTerms }, details.Author, details.RightsHolders, details.LayerCount, consent = ConsentViews.Json(details.Consent), provenance = AssetProvenanceView.Json(provenance) });
                return ExitCodes.Ok;
            }

            var a = details.Asset;
            var grid = new Grid().AddColumn().AddColumn();
            void Row(string key, string? value) => grid.AddRow($"[grey]{key}[/]", Markup.Escape(value ?? "-"));
            Row("id", a.Id.ToString());
            Row("place", $"{details.Summary.Tenant}/{details.Summary.Project}/{details.Summary.Scene ?? "-"}/{details.Summary.Cut ?? "-"}");
            Row("kind", a.LayerKind);
            Row("name", a.Name);
            Row("original", a.OriginalPath);
            Row("media", $"{a.MediaType}, {a.ByteLength:N0} bytes");
            Row("pixels", a.Width is null ? null : $"{a.Width}×{a.Height}, {a.Channels} channel(s), {a.BitDepth}-bit {a.ColourSpace}");
            Row("frames", a.FrameCount?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Row("sha256", a.Sha256);
            Row("content hash", a.ContentHash);
            Row("layers", details.LayerCount > 0 ? details.LayerCount.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
            Row("attributes", a.Attributes);
            Row("work", $"{details.Work.Title} ({details.Work.Key})");
            Row("category", details.Work.Category);
            Row("licence", details.Work.LicenceId + (details.Work.LicenceTerms is { } t ? $" — {t}" : ""));
            Row("author", details.Author);
            Row("rights holders", string.Join(", ", details.RightsHolders));
            Row("source tool", a.SourceTool);
            cli.Console.Write(grid);
            AssetProvenanceView.Write(cli, provenance);
            ConsentViews.Write(cli, details.Consent);
            return ExitCodes.Ok;
        });
        return command;
    }
}
