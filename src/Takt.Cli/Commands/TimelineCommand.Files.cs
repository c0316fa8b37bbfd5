using System.CommandLine;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Curves.Live2D;
using Takt.Domain.Schedules;
using Takt.Domain.Timeline;

namespace Takt.Cli.Commands;

public static partial class TimelineCommand
{
    private static Command Import(GlobalOptions global)
    {
        var file = new Argument<string>("file") { Description = "A takt.timeline/1 .json document or an .otio file; with --into, a Deforum or FizzNodes schedule or a Live2D .motion3.json" };
        var name = new Option<string?>("--name") { Description = "The new timeline's name (default: the file's name)" };
        var into = new Option<string?>("--into") { Description = "Import curves into this existing timeline instead" };
        var target = new Option<string?>("--target") { Description = "With --into: the cut, track or clip the curves animate" };
        var parameter = new Option<string?>("--param") { Description = "With --into: the parameter a Deforum or FizzNodes schedule drives (Live2D curves keep their ids)" };
        var format = new Option<string?>("--format") { Description = "With --into: deforum, fizz or live2d (default: from the file)" };
        var frames = new Option<int>("--frames") { Description = "With --into: the schedule's length in frames (Deforum's max_f)", DefaultValueFactory = _ => 0 };
        var command = new Command("import", "Make a timeline from a file, or import keyframe schedules into one") { file, name, into, target, parameter, format, frames };
        global.Bind(command, async (result, cli, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UserErrorException($"{path} does not exist");
            }

            var store = Store(global, result);
            if (result.GetValue(into) is { } timeline)
            {
                var state = await Guard(() => store.LoadAsync(timeline, ct));
                var owner = TimelineRefs.Find<TimelineEntity>(state.Document, result.GetValue(target) ?? throw new UserErrorException("give --target: the cut, track or clip the curves animate"));
                var length = result.GetValue(frames) > 0 ? result.GetValue(frames) : (int)Math.Min(int.MaxValue, CutOf(state.Document, owner)?.DurationFrames ?? 1000);
                var curves = await CurvesAsync(path, result.GetValue(format), result.GetValue(parameter), length, CutOf(state.Document, owner)?.Rate.FramesPerSecond ?? 30, ct);
                var operations = curves.SelectMany(c => CurveOperations(state.Document, owner.Id, c.Parameter, c.Keys)).ToList();
                var changed = await Guard(() => store.ApplyAsync(timeline, new OperationBatch([.. operations]), ct));
                return Changed(cli, changed, $"Imported {curves.Count} curve(s) into {Markup.Escape(TimelineRefs.Describe(state.Document, owner))}: {Markup.Escape(string.Join(", ", curves.Select(c => $"{c.Parameter} ({c.Keys.Count} keys)")))}", owner.Id);
            }

            var timelineName = result.GetValue(name) ?? Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(path)).ToLowerInvariant();
            var (document, warnings) = await TimelineFiles.ReadAsync(path, ct);
            var created = await Guard(() => store.CreateAsync(timelineName, new OperationBatch([.. TimelineFiles.Creation(document)]), ct));
            foreach (var warning in warnings.Where(_ => !cli.Json))
            {
                cli.Line($"[yellow]warning[/] {Markup.Escape(warning)}");
            }

            return Changed(cli, created, $"Imported [bold]{Markup.Escape(timelineName)}[/] from {Markup.Escape(path)}: {document.Count} entities", null);
        });
        return command;
    }

    private static Command Export(GlobalOptions global)
    {
        var name = NameArgument();
        var output = new Option<string>("--output", "-o") { Description = "The file: .json (takt.timeline/1) or .otio; with --curve a Deforum .txt or a Live2D .motion3.json", Required = true };
        var curve = new Option<string?>("--curve") { Description = "Export one curve (TARGET/PARAM) instead of the timeline" };
        var cut = new Option<string?>("--cut") { Description = "For .otio: the cut (default: the first)" };
        var command = new Command("export", "Write a timeline (or one of its curves) to a file") { name, output, curve, cut };
        global.Bind(command, async (result, cli, ct) =>
        {
            var state = await Guard(() => Store(global, result).LoadAsync(result.GetValue(name)!, ct));
            var path = result.GetValue(output)!;
            byte[] bytes;
            if (result.GetValue(curve) is { } reference)
            {
                var entity = TimelineRefs.Find<CurveEntity>(state.Document, reference);
                if (!TimelineCurves.TryBuild(state.Document, entity.Id, out var built, out var problem))
                {
                    throw new UserErrorException($"curve {reference} cannot be exported: {problem}");
                }

                var owner = state.Document.Find(entity.ParentId ?? default);
                var cutEntity = owner is null ? null : CutOf(state.Document, owner);
                bytes = path.EndsWith(".motion3.json", StringComparison.OrdinalIgnoreCase)
                    ? Live2DMotionJson.Write(Live2DCurveMapping.FromCurves([("Parameter", entity.Parameter, built)], cutEntity?.Rate.FramesPerSecond ?? 30))
                    : System.Text.Encoding.UTF8.GetBytes(DeforumSchedule.ToDeforumString(built, (int)Math.Min(int.MaxValue, cutEntity?.DurationFrames ?? (long)built.Keys[^1].Frame + 1)) + "\n");
            }
            else
            {
                bytes = TimelineFiles.Write(state.Document, path, result.GetValue(cut) is { } c ? TimelineRefs.Find<CutEntity>(state.Document, c).Id : null);
            }

            var temporary = path + ".partial";
            await File.WriteAllBytesAsync(temporary, bytes, ct);
            File.Move(temporary, path, overwrite: true);
            if (cli.Json)
            {
                cli.WriteJson(new { path = Path.GetFullPath(path), bytes = bytes.Length });
            }
            else
            {
                cli.Line($"Wrote {Markup.Escape(path)} ({bytes.Length} bytes)");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static CutEntity? CutOf(TimelineDocument document, TimelineEntity entity) =>
        entity as CutEntity ?? document.Ancestors(entity.Id).OfType<CutEntity>().FirstOrDefault();

    private static async Task<List<(string Parameter, IReadOnlyList<(double Frame, TimelineValue Value, KeyInterpolation Interpolation)> Keys)>> CurvesAsync(
        string path, string? format, string? parameter, int frames, double fps, CancellationToken ct)
    {
        var text = await File.ReadAllTextAsync(path, ct);
        var kind = format ?? (path.EndsWith(".motion3.json", StringComparison.OrdinalIgnoreCase) ? "live2d" : text.TrimStart().StartsWith('{') ? "fizz" : "deforum");
        string Parameter() => parameter ?? throw new UserErrorException("give --param: the parameter the schedule drives");
        switch (kind)
        {
            case "live2d":
                if (!Live2DMotionJson.TryRead(System.Text.Encoding.UTF8.GetBytes(text), out var motion, out var problem) || !Live2DCurveMapping.TryToCurves(motion!, fps, out var curves, out problem))
                {
                    throw new UserErrorException($"{path} is not a usable Live2D motion: {problem}");
                }

                return [.. curves!.Select(c => (c.Key, TimelineCurves.ToKeyframes(c.Value)))];
            case "deforum":
                if (!DeforumSchedule.TryParse(text.Trim(), frames, out var schedule, out var error) || !schedule!.TryToCurve(0, out var curve, out _, out error))
                {
                    throw new UserErrorException($"{path}: {error}");
                }

                return [(Parameter(), TimelineCurves.ToKeyframes(curve!))];
            case "fizz":
                var parsed = text.TrimStart().StartsWith('{')
                    ? PromptSchedule.TryParsePromptMap(System.Text.Encoding.UTF8.GetBytes(text), frames, PromptBlend.Held, out var prompts, out var fizzError)
                    : PromptSchedule.TryParseFizzNodes(text, frames, PromptBlend.Held, out prompts, out fizzError);
                if (!parsed)
                {
                    throw new UserErrorException($"{path}: {fizzError}");
                }

                return [(Parameter(), [.. prompts!.Keys.Select(k => ((double)k.Frame, (TimelineValue)new TextValue(k.Text), KeyInterpolation.Constant))])];
            default:
                throw new UserErrorException($"unknown format '{kind}'; use deforum, fizz or live2d");
        }
    }

    /// <summary>A curve with these keys on the owner: replaces a curve of the same parameter.</summary>
    private static IEnumerable<TimelineOperation> CurveOperations(TimelineDocument document, TimelineEntityId owner, string parameter, IReadOnlyList<(double Frame, TimelineValue Value, KeyInterpolation Interpolation)> keys)
    {
        if (document.CurvesOf(owner).FirstOrDefault(c => c.Parameter == parameter) is { } old)
        {
            foreach (var entity in document.SubtreeChildrenFirst(old.Id))
            {
                yield return new DeleteEntity(entity);
            }
        }

        var id = TimelineEntityId.New();
        var text = keys.Any(k => k.Value is TextValue);
        yield return new CreateEntity(new CurveEntity { Id = id, ParentId = owner, OrderKey = document.OrderKeyAt(owner, document.Children(owner).Count), Parameter = parameter, ValueKind = text ? CurveValueKind.Text : CurveValueKind.Number });
        string? orderKey = null;
        foreach (var (frame, value, interpolation) in keys)
        {
            orderKey = OrderKeys.Between(orderKey, null);
            yield return new CreateEntity(new KeyframeEntity { Id = TimelineEntityId.New(), ParentId = id, OrderKey = orderKey, Frame = frame, Value = value, Interpolation = text ? KeyInterpolation.Constant : interpolation });
        }
    }
}
