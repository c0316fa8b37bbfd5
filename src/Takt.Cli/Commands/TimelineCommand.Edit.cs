using System.CommandLine;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Archive;
using Takt.Domain.Timeline;

namespace Takt.Cli.Commands;

public static partial class TimelineCommand
{
    private static Command Add(GlobalOptions global)
    {
        var command = new Command("add", "Add a scene, cut, track or clip");
        Option<string?> Label() => new("--name") { Description = "Its name" };

        var sceneCommand = new Command("scene", "Add a scene to the project") { NameArgument(), Label() };
        global.Bind(sceneCommand, (result, cli, ct) => EditAsync(global, result, cli, document =>
        {
            var project = document.Roots()[0];
            var id = TimelineEntityId.New();
            return (new CreateEntity(new SceneEntity { Id = id, ParentId = project.Id, OrderKey = document.OrderKeyAt(project.Id, document.Children(project.Id).Count), Name = result.GetValue<string?>("--name") ?? $"s{document.Children(project.Id).Count + 1:00}" }), id, "scene");
        }, ct));

        var scene = new Option<string>("--scene") { Description = "The scene (name or id)", Required = true };
        var fps = new Option<string>("--fps") { Description = "Frame rate", DefaultValueFactory = _ => "30" };
        var size = new Option<string>("--size") { Description = "WIDTHxHEIGHT", DefaultValueFactory = _ => "1920x1080" };
        var frames = new Option<long>("--frames") { Description = "Length in frames", DefaultValueFactory = _ => 90 };
        var cutCommand = new Command("cut", "Add a cut to a scene") { NameArgument(), scene, Label(), fps, size, frames };
        global.Bind(cutCommand, (result, cli, ct) => EditAsync(global, result, cli, document =>
        {
            var parent = TimelineRefs.Find<SceneEntity>(document, result.GetValue(scene)!);
            var (width, height) = TimelineRefs.Size(result.GetValue(size)!);
            var id = TimelineEntityId.New();
            return (new CreateEntity(new CutEntity { Id = id, ParentId = parent.Id, OrderKey = document.OrderKeyAt(parent.Id, document.Children(parent.Id).Count), Name = result.GetValue<string?>("--name") ?? $"c{document.Children(parent.Id).Count + 1:000}", Rate = TimelineRefs.Rate(result.GetValue(fps)!), Width = width, Height = height, DurationFrames = result.GetValue(frames) }), id, "cut");
        }, ct));

        var cut = new Option<string>("--cut") { Description = "The cut (name or id)", Required = true };
        var kind = new Option<string>("--kind") { Description = "video, camera, audio or generation", DefaultValueFactory = _ => "video" };
        var trackCommand = new Command("track", "Add a track to a cut (the last added is the top layer)") { NameArgument(), cut, kind, Label() };
        global.Bind(trackCommand, (result, cli, ct) => EditAsync(global, result, cli, document =>
        {
            var parent = TimelineRefs.Find<CutEntity>(document, result.GetValue(cut)!);
            if (!TimelineNames.TryParse(result.GetValue(kind)!, out TrackKind trackKind))
            {
                throw new UserErrorException($"'{result.GetValue(kind)}' is not a track kind; use video, camera, audio or generation");
            }

            var id = TimelineEntityId.New();
            return (new CreateEntity(new TrackEntity { Id = id, ParentId = parent.Id, OrderKey = document.OrderKeyAt(parent.Id, document.Children(parent.Id).Count), Name = result.GetValue<string?>("--name") ?? $"{result.GetValue(kind)}{document.Children(parent.Id).Count}", TrackKind = trackKind, Enabled = true, Locked = false }), id, "track");
        }, ct));

        var track = new Option<string>("--track") { Description = "The track (name or id)", Required = true };
        var asset = new Option<string?>("--asset") { Description = "Show an archive asset (id or its start)" };
        var generate = new Option<string?>("--generate") { Description = "Generate it with a workflow (workflows/NAME.json)" };
        var sequence = new Option<string?>("--sequence") { Description = "Show a rendered image sequence (its manifest's sha256)" };
        var sequenceFrames = new Option<long>("--sequence-frames") { Description = "The rendered sequence's frame count" };
        var start = new Option<long>("--start") { Description = "First frame on the cut", DefaultValueFactory = _ => 0 };
        var duration = new Option<long>("--duration") { Description = "Frames", Required = true };
        var sourceIn = new Option<long>("--source-in") { Description = "First frame of the source shown", DefaultValueFactory = _ => 0 };
        var clipCommand = new Command("clip", "Add a clip to a track: an archive asset, a generation or a rendered sequence") { NameArgument(), track, asset, generate, sequence, sequenceFrames, start, duration, sourceIn, Label() };
        global.Bind(clipCommand, async (result, cli, ct) =>
        {
            ClipSource source;
            string shown;
            if (result.GetValue(asset) is { } assetText)
            {
                var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
                var (details, problem) = await services.Assets.ShowAsync(assetText, ct);
                if (details is null)
                {
                    throw new UserErrorException(problem!);
                }

                source = new ArchiveAssetSource(new AssetId(details.Asset.Id), details.Asset.Sha256);
                shown = details.Asset.Name;
            }
            else if (result.GetValue(generate) is { } workflow)
            {
                (source, shown) = (new GenerationSource(workflow), workflow);
            }
            else if (result.GetValue(sequence) is { } manifest)
            {
                (source, shown) = (new RenderedSequenceSource(manifest, result.GetValue(sequenceFrames)), manifest[..Math.Min(12, manifest.Length)]);
            }
            else
            {
                throw new UserErrorException("say what the clip shows: --asset, --generate or --sequence");
            }

            return await EditAsync(global, result, cli, document =>
            {
                var parent = TimelineRefs.Find<TrackEntity>(document, result.GetValue(track)!);
                var id = TimelineEntityId.New();
                var clip = new ClipEntity { Id = id, ParentId = parent.Id, OrderKey = document.OrderKeyAt(parent.Id, document.Children(parent.Id).Count), Name = result.GetValue<string?>("--name") ?? shown, Start = result.GetValue(start), Duration = result.GetValue(duration), SourceIn = result.GetValue(sourceIn), Source = source };
                return (new CreateEntity(clip), id, "clip");
            }, ct);
        });

        command.Subcommands.Add(sceneCommand);
        command.Subcommands.Add(cutCommand);
        command.Subcommands.Add(trackCommand);
        command.Subcommands.Add(clipCommand);
        return command;
    }

    private static Command Key(GlobalOptions global)
    {
        var name = NameArgument();
        var target = new Option<string>("--target") { Description = "The cut, track or clip the curve animates (name or id)", Required = true };
        var parameter = new Option<string>("--param") { Description = "x, y, scale, rotation, opacity, depth, blend; the camera's x, y, zoom, rotation; or any name a binding uses", Required = true };
        var frame = new Option<double>("--frame") { Description = "The key's frame (from the clip's start for clip curves, else the cut's)", Required = true };
        var value = new Option<string>("--value") { Description = "The value (a number, or text for text curves)", Required = true };
        var interpolation = new Option<string>("--interp") { Description = "How the segment after the key runs: constant, linear, bezier, ease-in-quad, ease-out-cubic, ease-in-out-sine…", DefaultValueFactory = _ => "linear" };
        var handles = new Option<string?>("--handles") { Description = "Bezier handles outX,outY,inX,inY (x in 0–1)" };
        var command = new Command("key", "Set a keyframe (the curve is made when missing; a key at the same frame is replaced)") { name, target, parameter, frame, value, interpolation, handles };
        global.Bind(command, (result, cli, ct) => EditAsync(global, result, cli, document =>
        {
            var owner = TimelineRefs.Find<TimelineEntity>(document, result.GetValue(target)!);
            var param = result.GetValue(parameter)!;
            var keyValue = TimelineRefs.Value(result.GetValue(value)!);
            var shape = keyValue is TextValue ? KeyInterpolation.Constant : TimelineRefs.Interpolation(result.GetValue(interpolation)!, result.GetValue(handles));
            var operations = new List<TimelineOperation>();
            var curve = document.CurvesOf(owner.Id).FirstOrDefault(c => c.Parameter == param);
            if (curve is null)
            {
                curve = new CurveEntity { Id = TimelineEntityId.New(), ParentId = owner.Id, OrderKey = document.OrderKeyAt(owner.Id, document.Children(owner.Id).Count), Parameter = param, ValueKind = keyValue is TextValue ? CurveValueKind.Text : CurveValueKind.Number };
                operations.Add(new CreateEntity(curve));
            }

            var at = result.GetValue(frame);
            var keys = document.Find(curve.Id) is null ? [] : document.KeyframesOf(curve.Id);
            var id = keys.FirstOrDefault(k => k.Frame == at)?.Id;
            if (id is { } existing)
            {
                operations.Add(new SetProperty(existing, "value", keyValue));
                operations.Add(new SetProperty(existing, "interpolation", shape));
            }
            else
            {
                id = TimelineEntityId.New();
                operations.Add(new CreateEntity(new KeyframeEntity { Id = id.Value, ParentId = curve.Id, OrderKey = OrderKeys.Between(keys.Count > 0 ? keys.Max(k => k.OrderKey) : null, null), Frame = at, Value = keyValue, Interpolation = shape }));
            }

            return (new OperationBatch([.. operations]), id.Value, $"key of {TimelineRefs.Describe(document, owner)}/{param} at frame {at}");
        }, ct));
        return command;
    }

    private static Command Bind(GlobalOptions global)
    {
        var name = NameArgument();
        var clip = new Option<string>("--clip") { Description = "The generation clip", Required = true };
        var input = new Option<string>("--input") { Description = "The workflow input, node.param (e.g. sampler.cfg)", Required = true };
        var curve = new Option<string?>("--curve") { Description = "Drive it with the clip's curve of this parameter (make it with 'key')" };
        var value = new Option<string?>("--value") { Description = "Hold it at this value" };
        var remove = new Option<bool>("--remove") { Description = "Unbind it" };
        var command = new Command("bind", "Bind a generation clip's workflow input to a curve or a constant") { name, clip, input, curve, value, remove };
        global.Bind(command, (result, cli, ct) => EditAsync(global, result, cli, document =>
        {
            var target = TimelineRefs.Find<ClipEntity>(document, result.GetValue(clip)!);
            TimelineValue binding = result.GetValue(remove) ? NullValue.Instance
                : result.GetValue(curve) is { } parameter ? new CurveBinding((document.CurvesOf(target.Id).FirstOrDefault(c => c.Parameter == parameter)
                    ?? throw new UserErrorException($"clip '{target.Name}' has no curve '{parameter}'; make it with 'takt timeline key --target {target.Name} --param {parameter} …'")).Id)
                : result.GetValue(value) is { } constant ? new ConstantBinding(TimelineRefs.Value(constant, integers: true))
                : throw new UserErrorException("give --curve, --value or --remove");
            return (new SetProperty(target.Id, ClipEntity.BindingPrefix + result.GetValue(input), binding), target.Id, $"binding {result.GetValue(input)} of clip '{target.Name}'");
        }, ct));
        return command;
    }

    private static Command Extend(GlobalOptions global)
    {
        var name = NameArgument();
        var clip = new Option<string>("--clip") { Description = "The clip to continue", Required = true };
        var frames = new Option<long>("--frames") { Description = "How many frames to add", Required = true };
        var workflow = new Option<string?>("--workflow") { Description = "The workflow that continues it (needs a takt.frame node named 'previous'); default: the clip's own" };
        var command = new Command("extend", "Continue a clip with a generation conditioned on its last frame") { name, clip, frames, workflow };
        global.Bind(command, (result, cli, ct) => EditAsync(global, result, cli, document =>
        {
            var source = TimelineRefs.Find<ClipEntity>(document, result.GetValue(clip)!);
            var chosen = result.GetValue(workflow) ?? (source.Source as GenerationSource)?.Workflow
                ?? throw new UserErrorException($"clip '{source.Name}' is not a generation; name the workflow that continues it with --workflow");
            CheckContinues(global.WorkspacePath(result), chosen);
            var id = TimelineEntityId.New();
            var expanded = TimelineCommands.Extend(document, source.Id, chosen, result.GetValue(frames), id);
            return expanded.Expanded ? (expanded.Batch, id, $"extension of clip '{source.Name}' by {result.GetValue(frames)} frames ({chosen})") : throw new UserErrorException(expanded.Problem.Message);
        }, ct));
        return command;
    }

    private static Command Fill(GlobalOptions global)
    {
        var name = NameArgument();
        var from = new Option<string>("--from") { Description = "The clip before the gap", Required = true };
        var to = new Option<string>("--to") { Description = "The clip after the gap", Required = true };
        var command = new Command("fill", "Fill the gap between two clips with in-betweens") { name, from, to };
        global.Bind(command, (result, cli, ct) => EditAsync(global, result, cli, document =>
        {
            var left = TimelineRefs.Find<ClipEntity>(document, result.GetValue(from)!);
            var right = TimelineRefs.Find<ClipEntity>(document, result.GetValue(to)!);
            var id = TimelineEntityId.New();
            var expanded = TimelineCommands.Fill(document, left.Id, right.Id, id, TimelineEntityId.New(), TimelineEntityId.New(), TimelineEntityId.New());
            return expanded.Expanded ? (expanded.Batch, id, $"fill of {right.Start - left.End} in-between(s) from '{left.Name}' to '{right.Name}'") : throw new UserErrorException(expanded.Problem.Message);
        }, ct));
        return command;
    }

    /// <summary>An extension's workflow must take the previous frame somewhere: a takt.frame node named 'previous'.</summary>
    private static void CheckContinues(string workspace, string workflow)
    {
        var path = Path.Combine(workspace, "workflows", workflow + ".json");
        if (!File.Exists(path))
        {
            throw new UserErrorException($"workflow '{workflow}' is not in {Path.GetDirectoryName(path)}; save it as {path}");
        }

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var ok = json.RootElement.TryGetProperty("nodes", out var nodes) && nodes.TryGetProperty(TimelineCommands.PreviousNode, out var previous)
            && previous.TryGetProperty("type", out var type) && type.GetString() == "takt.frame";
        if (!ok)
        {
            throw new UserErrorException($"workflow '{workflow}' has no takt.frame node named '{TimelineCommands.PreviousNode}', so it cannot take the previous segment's last frame");
        }
    }

    /// <summary>Loads the timeline, builds one edit from it, and stores it; the document's refusal is the error.</summary>
    private static async Task<int> EditAsync(GlobalOptions global, ParseResult result, CliOutput cli, Func<TimelineDocument, (TimelineOperation Operation, TimelineEntityId Made, string What)> edit, CancellationToken ct)
    {
        var store = Store(global, result);
        var timeline = result.GetValue<string>("timeline")!;
        var state = await Guard(() => store.LoadAsync(timeline, ct));
        var (operation, made, what) = edit(state.Document);
        var changed = await Guard(() => store.ApplyAsync(timeline, operation, ct));
        return Changed(cli, changed, $"Added {Markup.Escape(what)} to [bold]{Markup.Escape(timeline)}[/] ({made})", made);
    }
}
