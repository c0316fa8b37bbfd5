using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Workflows;
using Takt.Engine.Backends.BuiltIn;
using Takt.Engine.Runs;
using Takt.Provenance.C2pa.Verification;
using Takt.Provenance.Demo;

namespace Takt.Cli.Commands;

/// <summary>
/// The demo's output video: the festival background layers stacked into a plate and a camera
/// pan across it, encoded and exported by the engine, so the file leaves Takt signed with a
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
        Guid? run = null;

        // Rendered by an earlier demo and still intact: shown again, nothing new recorded.
        var report = File.Exists(path) ? await VerifyAsync(services, path, ct) : null;
        if (report is null || report.State == C2paValidationState.Invalid)
        {
            run = await RunAsync(services, cli, ct);
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
        }

        return new
        {
            path,
            run,
            state = report.State.ToString(),
            manifest = report.ActiveManifest,
            ingredients = ingredients.Select(i => new { i.Title, i.Relationship, i.Description }),
        };
    }

    private static Task<C2paReport> VerifyAsync(TaktServices services, string path, CancellationToken ct) =>
        VerifyCommand.CheckAsync(path, VerifyCommand.DefaultAnchors(services.Workspace.Root), services.Time, ct);

    private static async Task<Guid> RunAsync(TaktServices services, CliOutput cli, CancellationToken ct)
    {
        var layers = await LayerHashesAsync(services, ct);
        var workflow = WorkflowJson.Parse(Workflow(layers));
        using var engine = await services.EngineAsync(ct);
        var plan = engine.Executor.Plan(workflow);
        var tenant = await services.RunTenantAsync(DemoLineage.Tenant, ct);
        var run = await engine.Store.SubmitAsync(tenant, plan, ct);
        var status = await RunCommand.DriveWithProgressAsync(cli, engine, run, plan.Order.Count, "Rendering and signing the teaser", ct);
        if (status != RunStatus.Succeeded)
        {
            var shown = await engine.Store.ShowAsync(run, ct);
            throw new InvalidOperationException($"the demo teaser run {run} {RunStatuses.Name(status)}: {shown?.Run.Error}");
        }

        return run;
    }

    private static async Task<IReadOnlyList<string>> LayerHashesAsync(TaktServices services, CancellationToken ct)
    {
        await using var db = services.Contexts.Create();
        var rows = await (from a in db.Assets.AsNoTracking()
                          join t in db.Tenants.AsNoTracking() on a.TenantId equals t.Id
                          where t.Slug == DemoLineage.Tenant && Layers.Contains(a.Name) && a.LayerKind == "background"
                          select new { a.Name, a.Sha256 }).ToListAsync(ct);
        return [.. Layers.Select(name => rows.FirstOrDefault(r => r.Name == name)?.Sha256
            ?? throw new InvalidOperationException($"the demo layer {name} was not ingested"))];
    }

    /// <summary>Three layers stacked far to near, a 960×540 window panning right over two seconds at 24 fps.</summary>
    private static string Workflow(IReadOnlyList<string> layers) => $$$"""
        {
          "name": "hanabi-teaser",
          "nodes": {
            "far": {"type": "takt.load-asset", "params": {"asset": "sha256:{{{layers[0]}}}"}},
            "mid": {"type": "takt.load-asset", "params": {"asset": "sha256:{{{layers[1]}}}"}},
            "near": {"type": "takt.load-asset", "params": {"asset": "sha256:{{{layers[2]}}}"}},
            "back": {"type": "takt.composite", "inputs": {"base": "far.image", "overlay": "mid.image"}},
            "plate": {"type": "takt.composite", "inputs": {"base": "back.image", "overlay": "near.image"}},
            "camera": {"type": "takt.pan", "params": {"width": 960, "height": 540, "frames": 48, "fps": 24, "from-x": 0, "from-y": 270, "to-x": 960, "to-y": 270}, "inputs": {"image": "plate.image"}},
            "encode": {"type": "takt.frames-to-video", "inputs": {"frames": "camera.frames"}},
            "save": {"type": "takt.export", "params": {"name": "{{{FileName}}}"}, "inputs": {"video": "encode.video"}}
          }
        }
        """;
}
