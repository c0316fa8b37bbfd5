using System.CommandLine;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Timeline;
using Takt.Engine.Timelines;

namespace Takt.Cli.Commands;

/// <summary>
/// <c>takt timeline</c>: timelines stored in the workspace as operation logs. Every change is an
/// operation with an inverse (so <c>undo</c> works and a later collaboration layer sees the same
/// edits); a change the document refuses writes nothing.
/// </summary>
public static partial class TimelineCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("timeline", "Timelines: scenes, cuts, tracks, clips and keyframed curves, stored as edit logs");
        command.Subcommands.Add(New(global));
        command.Subcommands.Add(List(global));
        command.Subcommands.Add(Show(global));
        command.Subcommands.Add(Add(global));
        command.Subcommands.Add(Key(global));
        command.Subcommands.Add(Bind(global));
        command.Subcommands.Add(Extend(global));
        command.Subcommands.Add(Fill(global));
        command.Subcommands.Add(Undo(global));
        command.Subcommands.Add(Repair(global));
        command.Subcommands.Add(Import(global));
        command.Subcommands.Add(Export(global));
        return command;
    }

    private static Argument<string> NameArgument() => new("timeline") { Description = "The timeline's name" };

    private static TimelineStore Store(GlobalOptions global, ParseResult result) => new(global.WorkspacePath(result));

    private static Command New(GlobalOptions global)
    {
        var name = NameArgument();
        var fps = new Option<string>("--fps") { Description = "Frame rate: 24, 30, 30000/1001, 23.976…", DefaultValueFactory = _ => "30" };
        var size = new Option<string>("--size") { Description = "Picture size WIDTHxHEIGHT, any aspect ratio", DefaultValueFactory = _ => "1920x1080" };
        var frames = new Option<long>("--frames") { Description = "The first cut's length in frames", DefaultValueFactory = _ => 90 };
        var scene = new Option<string>("--scene") { Description = "The first scene's name", DefaultValueFactory = _ => "s01" };
        var cut = new Option<string>("--cut") { Description = "The first cut's name", DefaultValueFactory = _ => "c001" };
        var command = new Command("new", "Make a timeline: a project with one scene, one cut, a camera track and a video track") { name, fps, size, frames, scene, cut };
        global.Bind(command, async (result, cli, ct) =>
        {
            var timeline = result.GetValue(name)!;
            var (width, height) = TimelineRefs.Size(result.GetValue(size)!);
            var rate = TimelineRefs.Rate(result.GetValue(fps)!);
            var (project, sceneId, cutId) = (TimelineEntityId.New(), TimelineEntityId.New(), TimelineEntityId.New());
            var batch = new OperationBatch(
            [
                new CreateEntity(new ProjectEntity { Id = project, OrderKey = OrderKeys.First, Name = timeline }),
                new CreateEntity(new SceneEntity { Id = sceneId, ParentId = project, OrderKey = OrderKeys.First, Name = result.GetValue(scene)! }),
                new CreateEntity(new CutEntity { Id = cutId, ParentId = sceneId, OrderKey = OrderKeys.First, Name = result.GetValue(cut)!, Rate = rate, Width = width, Height = height, DurationFrames = result.GetValue(frames) }),
                new CreateEntity(new TrackEntity { Id = TimelineEntityId.New(), ParentId = cutId, OrderKey = OrderKeys.Between(null, null), Name = "camera", TrackKind = TrackKind.Camera, Enabled = true, Locked = false }),
                new CreateEntity(new TrackEntity { Id = TimelineEntityId.New(), ParentId = cutId, OrderKey = OrderKeys.Between(OrderKeys.Between(null, null), null), Name = "v1", TrackKind = TrackKind.Video, Enabled = true, Locked = false }),
            ]);
            var state = await Guard(() => Store(global, result).CreateAsync(timeline, batch, ct));
            return Changed(cli, state, $"Made timeline [bold]{Markup.Escape(timeline)}[/]: scene {Markup.Escape(result.GetValue(scene)!)}, cut {Markup.Escape(result.GetValue(cut)!)} ({width}x{height} at {rate} fps, {result.GetValue(frames)} frames), tracks camera and v1", cutId);
        });
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var command = new Command("list", "The workspace's timelines");
        global.Bind(command, async (result, cli, ct) =>
        {
            var store = Store(global, result);
            var names = await store.ListAsync(ct);
            var states = new List<TimelineState>();
            foreach (var name in names)
            {
                states.Add(await Guard(() => store.LoadAsync(name, ct)));
            }

            if (cli.Json)
            {
                cli.WriteJson(states.Select(s => new { name = s.Name, edits = s.Edits, cuts = s.Document.Entities.Values.OfType<CutEntity>().Count() }));
                return ExitCodes.Ok;
            }

            foreach (var state in states)
            {
                cli.Line($"[bold]{Markup.Escape(state.Name)}[/]  {state.Document.Entities.Values.OfType<CutEntity>().Count()} cut(s), {state.Edits} edit(s)");
            }

            cli.Plain($"{states.Count} timeline(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var name = NameArgument();
        var command = new Command("show", "A timeline's scenes, cuts, tracks, clips and curves with their keys") { name };
        global.Bind(command, async (result, cli, ct) =>
        {
            var state = await Guard(() => Store(global, result).LoadAsync(result.GetValue(name)!, ct));
            TimelineViews.Show(cli, state);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Undo(GlobalOptions global)
    {
        var name = NameArgument();
        var command = new Command("undo", "Undo the latest edit not yet undone (logged as an edit itself)") { name };
        global.Bind(command, async (result, cli, ct) =>
        {
            var state = await Guard(() => Store(global, result).UndoAsync(result.GetValue(name)!, ct));
            return Changed(cli, state, $"Undid the latest edit of [bold]{Markup.Escape(state.Name)}[/] ({state.Undoable} more can be undone)", null);
        });
        return command;
    }

    private static Command Repair(GlobalOptions global)
    {
        var name = NameArgument();
        var command = new Command("repair", "Drop the last line of a timeline's log when a crash cut it short") { name };
        global.Bind(command, async (result, cli, ct) =>
        {
            var dropped = await Guard(() => Store(global, result).RepairAsync(result.GetValue(name)!, ct));
            if (cli.Json)
            {
                cli.WriteJson(new { repaired = dropped });
            }
            else
            {
                cli.Line(dropped ? "Dropped the interrupted last edit." : "The log is whole; nothing to repair.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs a store call; its refusals are the user's to fix.</summary>
    internal static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (TimelineStoreException e)
        {
            throw new UserErrorException(e.Message);
        }
    }

    internal static int Changed(CliOutput cli, TimelineState state, string message, TimelineEntityId? made)
    {
        if (cli.Json)
        {
            cli.WriteJson(new { timeline = state.Name, edits = state.Edits, undoable = state.Undoable, id = made?.ToString() });
        }
        else
        {
            cli.Line(message);
        }

        return ExitCodes.Ok;
    }
}
