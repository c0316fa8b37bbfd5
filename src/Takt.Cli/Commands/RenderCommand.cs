using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Engine.Backends.BuiltIn;
using Takt.Engine.Rendering;
using Takt.Media.Encoding;

namespace Takt.Cli.Commands;

/// <summary>
/// <c>takt render &lt;timeline&gt;</c>: the timeline's cuts (or those named) to one signed video,
/// with a progress bar (frames/s, ETA). Segments already encoded by an earlier render, finished
/// or interrupted, are reused, so a re-render only does what changed.
/// </summary>
public static class RenderCommand
{
    public static Command Create(GlobalOptions global)
    {
        var timeline = new Argument<string>("timeline") { Description = "A timeline's name in the workspace, or a takt.timeline/1 JSON document file" };
        var cuts = new Option<string[]>("--cut") { Description = "A cut to render (name or id); repeat for several, in order. Default: every cut, in timeline order", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--output", "-o") { Description = "The video to write (default: outputs/<timeline>.mp4 in the workspace)" };
        var preview = new Option<bool>("--preview") { Description = "Half resolution and a fast preset, to check motion quickly" };
        var codec = new Option<string>("--codec") { Description = "h264 (default), av1 or prores (.mov)", DefaultValueFactory = _ => "h264" };
        var preset = new Option<string?>("--preset") { Description = $"Encoder speed: {string.Join(", ", EncoderOptions.Presets)} (default medium, veryfast for previews)" };
        var quality = new Option<int>("--quality") { Description = "CRF: lower is better (H.264 default 20)", DefaultValueFactory = _ => 20 };
        var tenant = new Option<string?>("--tenant") { Description = "The studio the render is made for (default: the workspace's only one)" };
        var command = new Command("render", "Render a timeline's cuts to a signed video (H.264 by default)") { timeline, cuts, output, preview, codec, preset, quality, tenant };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var (name, document) = await TimelineSources.LoadAsync(services, result.GetValue(timeline)!, ct);
            var chosen = TimelineSources.Cuts(document, result.GetValue(cuts) ?? []);
            var videoCodec = result.GetValue(codec) switch
            {
                "h264" => VideoCodec.H264,
                "av1" => VideoCodec.Av1,
                "prores" => VideoCodec.ProRes,
                var other => throw new UserErrorException($"unknown codec '{other}'; use h264, av1 or prores"),
            };
            var target = result.GetValue(output)
                ?? Path.Combine(services.Workspace.Root, BuiltInBackend.OutputsFolder, name + (videoCodec == VideoCodec.ProRes ? ".mov" : ".mp4"));
            var owner = await services.RunTenantAsync(result.GetValue(tenant), ct);
            using var engine = await services.EngineAsync(ct);
            var renderer = new TimelineRenderer(engine, services.Contexts, services.Blobs, services.Lineage, services.OutputSigner,
                Path.Combine(services.Workspace.Root, "cache", "render"), services.Time);
            var request = new RenderRequest(document, chosen, target, owner, Path.Combine(services.Workspace.Root, "workflows"),
                result.GetValue(preview), videoCodec, result.GetValue(preset), result.GetValue(quality), Title: name);
            var clock = Stopwatch.StartNew();
            RenderOutcome outcome;
            try
            {
                outcome = await cli.WithProgressAsync($"Rendering {name}", async report =>
                    await renderer.RenderAsync(request, p => report((int)p.Done, (int)p.Total, Describe(p, clock)), ct));
            }
            catch (RenderException e)
            {
                throw new UserErrorException(e.Message);
            }

            return Show(cli, outcome, clock.Elapsed);
        });
        return command;
    }

    private static string Describe(RenderProgress progress, Stopwatch clock) => progress.Stage == "frames"
        ? $"{progress.Done}/{progress.Total} frames, {progress.Done / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):0.0} frames/s"
        : progress.Detail;

    private static int Show(CliOutput cli, RenderOutcome outcome, TimeSpan elapsed)
    {
        if (cli.Json)
        {
            cli.WriteJson(new
            {
                path = outcome.Path,
                frames = outcome.Frames,
                width = outcome.Width,
                height = outcome.Height,
                rate = outcome.Rate,
                segmentsReused = outcome.SegmentsReused,
                segmentsEncoded = outcome.SegmentsEncoded,
                lineageNode = outcome.LineageNode,
                manifest = outcome.Manifest,
                runs = outcome.Runs,
                seconds = Math.Round(elapsed.TotalSeconds, 3),
                warnings = outcome.Warnings,
            });
            return ExitCodes.Ok;
        }

        foreach (var warning in outcome.Warnings)
        {
            cli.Line($"[yellow]warning[/] {Markup.Escape(warning)}");
        }

        cli.Line($"Rendered [bold]{Markup.Escape(outcome.Path)}[/]: {outcome.Frames} frames, {outcome.Width}x{outcome.Height} at {outcome.Rate} fps in {elapsed.TotalSeconds:0.0} s "
            + $"({outcome.SegmentsEncoded} segment(s) encoded, {outcome.SegmentsReused} reused)");
        cli.Line(outcome.Manifest is null
            ? "  not signed (signing is off for this studio, or the format cannot carry a manifest)"
            : $"  signed (C2PA manifest {Markup.Escape(outcome.Manifest)}); lineage node {outcome.LineageNode}: ./takt lineage attribution {outcome.LineageNode}");
        return ExitCodes.Ok;
    }
}
