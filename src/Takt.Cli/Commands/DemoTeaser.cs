using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Archive;
using Takt.Domain.Timeline;
using Takt.Engine.Backends.BuiltIn;
using Takt.Engine.Rendering;
using Takt.Engine.Timelines;
using Takt.Provenance.C2pa.Verification;
using Takt.Provenance.Demo;

namespace Takt.Cli.Commands;

/// <summary>
/// The demo's output video: a timeline cut of the festival background layers, far to near with
/// depth parallax, under a keyframed camera (a pan and a push-in) with the near layer fading in,
/// rendered by <c>takt render</c>'s renderer, so the file leaves Takt signed with a
/// manifest whose ingredients are those archive layers, their works and their artists. Then it is
/// checked the way anyone receiving it would, against the workspace's trust anchors.
/// </summary>
internal static class DemoTeaser
{
    public const string FileName = "hanabi-teaser.mp4";

    private static readonly string[] Layers = ["festival_far", "festival_mid", "festival_near"];

    public static async Task<object> RenderAsync(TaktServices services, CliOutput cli, CancellationToken ct)
    {
        var path = Path.Combine(services.Workspace.Root, BuiltInBackend.OutputsFolder, FileName);
        Guid? lineage = null;

        // Rendered by an earlier demo and still intact: shown again, nothing new recorded.
        var report = File.Exists(path) ? await VerifyAsync(services, path, ct) : null;
        if (report is null || report.State == C2paValidationState.Invalid)
        {
            lineage = await RunAsync(services, cli, ct);
            report = await VerifyAsync(services, path, ct);
        }

        // Read after signing: the first signature in a workspace makes its development CA.
        var anchors = VerifyCommand.DefaultAnchors(services.Workspace.Root);

        var active = report.Manifests.FirstOrDefault(m => m.Label == report.ActiveManifest);
        var ingredients = active?.Ingredients ?? [];
        if (!cli.Json)
        {
            cli.Line();
            cli.Line($"[bold]Signed video[/] {Markup.Escape(path)}: C2PA [bold]{report.State}[/] under {Markup.Escape(anchors ?? "no trust anchors")} ({ingredients.Count} ingredient(s))");
            foreach (var ingredient in ingredients)
            {
                cli.Line($"  {Markup.Escape(ingredient.Relationship ?? "?")} [bold]{Markup.Escape(ingredient.Title ?? "?")}[/]: {Markup.Escape(ingredient.Description ?? "")}");
            }

            cli.Line($"  check it yourself: [bold]./takt verify {Markup.Escape(path)}[/]");
            cli.Line($"  its timeline: [bold]./takt timeline show {DemoTimeline.Name}[/]; change a key and [bold]./takt render {DemoTimeline.Name} --tenant {DemoLineage.Tenant}[/] re-encodes only what changed");
        }

        return new
        {
            path,
            lineageNode = lineage,
            state = report.State.ToString(),
            manifest = report.ActiveManifest,
            ingredients = ingredients.Select(i => new { i.Title, i.Relationship, i.Description }),
        };
    }

    private static Task<C2paReport> VerifyAsync(TaktServices services, string path, CancellationToken ct) =>
        VerifyCommand.CheckAsync(path, VerifyCommand.DefaultAnchors(services.Workspace.Root), services.Time, ct);

    /// <summary>Renders the demo cut; gives the render's lineage node.</summary>
    private static async Task<Guid> RunAsync(TaktServices services, CliOutput cli, CancellationToken ct)
    {
        var document = DemoTimeline.Build(await LayersAsync(services, ct));

        // Kept as the workspace's timeline 'hanabi', to look at, change and render again.
        var store = new TimelineStore(services.Workspace.Root);
        if (!(await store.ListAsync(ct)).Contains(DemoTimeline.Name))
        {
            await store.CreateAsync(DemoTimeline.Name, new OperationBatch([.. TimelineFiles.Creation(document)]), ct);
        }

        var tenant = await services.RunTenantAsync(DemoLineage.Tenant, ct);
        using var engine = await services.EngineAsync(ct);
        var renderer = new TimelineRenderer(engine, services.Contexts, services.Blobs, services.Lineage, services.OutputSigner,
            Path.Combine(services.Workspace.Root, "cache", "render"), services.Time);
        var path = Path.Combine(services.Workspace.Root, BuiltInBackend.OutputsFolder, FileName);
        var request = new RenderRequest(document, [DemoTimeline.Cut], path, tenant, Path.Combine(services.Workspace.Root, "workflows"), Title: FileName);
        try
        {
            var outcome = await cli.WithProgressAsync("Rendering and signing the teaser (keyframed camera over three festival layers)", report =>
                renderer.RenderAsync(request, p => report((int)p.Done, (int)p.Total, p.Detail), ct));
            return outcome.LineageNode;
        }
        catch (RenderException e)
        {
            throw new InvalidOperationException($"the demo teaser could not be rendered: {e.Message}", e);
        }
    }

    private static async Task<IReadOnlyList<ArchiveAssetSource>> LayersAsync(TaktServices services, CancellationToken ct)
    {
        await using var db = services.Contexts.Create();
        var rows = await (from a in db.Assets.AsNoTracking()
                          join t in db.Tenants.AsNoTracking() on a.TenantId equals t.Id
                          where t.Slug == DemoLineage.Tenant && Layers.Contains(a.Name) && a.LayerKind == "background"
                          select new { a.Id, a.Name, a.Sha256 }).ToListAsync(ct);
        return [.. Layers.Select(name => rows.FirstOrDefault(r => r.Name == name) is { } row
            ? new ArchiveAssetSource(new AssetId(row.Id), row.Sha256)
            : throw new InvalidOperationException($"the demo layer {name} was not ingested"))];
    }
}
