using System.CommandLine;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Workflows;
using Takt.Engine.Runs;

namespace Takt.Cli.Commands;

/// <summary><c>takt runs list|show|logs|cancel|resume</c>.</summary>
public static class RunsCommand
{
    public static Command Create(GlobalOptions global) =>
        new("runs", "Workflow runs: list, show, follow logs, cancel, resume after a crash or a pause")
        {
            List(global), Show(global), Logs(global), Cancel(global), Resume(global),
        };

    private static Command List(GlobalOptions global)
    {
        var status = new Option<string?>("--status") { Description = "Only runs in this state: queued, running, succeeded, failed, cancelled, paused" };
        var limit = new Option<int>("--limit") { Description = "How many, newest first", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "Runs, newest first") { status, limit };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            RunStatus? wanted = result.GetValue(status) is { } text
                ? Enum.TryParse<RunStatus>(text, ignoreCase: true, out var parsed) ? parsed : throw new UserErrorException($"unknown status '{text}'")
                : null;
            RunViews.List(cli, await services.Runs.ListAsync(Math.Clamp(result.GetValue(limit), 1, 10_000), wanted, ct));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var run = RunArgument();
        var command = new Command("show", "A run: status, every node with its backend, attempts, outputs and error") { run };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var id = await ResolveAsync(services, result.GetValue(run)!, ct);
            RunViews.Show(cli, (await services.Runs.ShowAsync(id, ct))!);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Logs(GlobalOptions global)
    {
        var run = RunArgument();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing until the run finishes" };
        var command = new Command("logs", "A run's events: nodes started, finished, retried, failed, backend log lines") { run, follow };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var id = await ResolveAsync(services, result.GetValue(run)!, ct);
            long after = 0;
            while (true)
            {
                var entries = await services.Runs.LogsAsync(id, after, ct);
                RunViews.Logs(cli, entries);
                after = entries.Count > 0 ? entries[^1].Id : after;
                var state = (await services.Runs.ShowAsync(id, ct))!.Run.Status;
                if (!result.GetValue(follow) || RunStatuses.IsFinal(state) || state == RunStatus.Paused)
                {
                    return ExitCodes.Ok;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
        });
        return command;
    }

    private static Command Cancel(GlobalOptions global)
    {
        var run = RunArgument();
        var node = new Option<string?>("--node") { Description = "Cancel only this node: what depends on it is skipped, the rest of the run goes on" };
        var command = new Command("cancel", "Cancel a run (or one node), from any process: running nodes are stopped on their backends, nothing pending starts") { run, node };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var id = await ResolveAsync(services, result.GetValue(run)!, ct);
            var detail = (await services.Runs.ShowAsync(id, ct))!;
            if (RunStatuses.IsFinal(detail.Run.Status))
            {
                throw new UserErrorException($"run {id} has already {RunStatuses.Name(detail.Run.Status)}");
            }

            if (result.GetValue(node) is { } nodeId)
            {
                if (!WorkflowJson.Parse(detail.WorkflowJson).Nodes.ContainsKey(nodeId))
                {
                    throw new UserErrorException($"run {id} has no node '{nodeId}'");
                }

                await services.Runs.RequestCancelNodeAsync(id, nodeId, ct);
                cli.Line($"Cancel requested for node {Markup.Escape(nodeId)} of run {id}.");
                return ExitCodes.Ok;
            }

            await services.Runs.RequestCancelAsync(id, ct);
            if (detail.Run.Status is RunStatus.Queued or RunStatus.Paused)
            {
                // Nobody drives it: finish it here.
                await services.Runs.FinishAsync(id, RunStatus.Cancelled, "cancelled", ct);
            }

            if (cli.Json)
            {
                cli.WriteJson(new { run = id, cancelRequested = true });
            }
            else
            {
                cli.Line($"Cancel requested for run {id}; the process running it stops it within a second.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Resume(GlobalOptions global)
    {
        var run = new Argument<string?>("run") { Description = "A run id (or its last 12 characters, as listed); default: every run left unfinished by a stopped process", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("resume", "Continue runs: unfinished nodes run, finished ones are kept, nothing is recorded twice") { run };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            using var engine = await services.EngineAsync(ct);
            IReadOnlyList<Guid> runs = result.GetValue(run) is { } text ? [await ResolveAsync(services, text, ct)] : await engine.Executor.UnfinishedAsync(ct);
            if (runs.Count == 0)
            {
                cli.Line("No unfinished runs.");
                return ExitCodes.Ok;
            }

            var exit = ExitCodes.Ok;
            foreach (var id in runs)
            {
                await engine.Store.ReopenAsync(id, ct);
                var detail = (await engine.Store.ShowAsync(id, ct))!;
                var code = await RunCommand.DriveAsync(cli, engine, id, detail.Run.Nodes, ct);
                exit = Math.Max(exit, code);
            }

            return exit;
        });
        return command;
    }

    private static Argument<string> RunArgument() => new("run") { Description = "A run id, or its last 12 characters as 'takt runs list' prints them" };

    private static async Task<Guid> ResolveAsync(TaktServices services, string text, CancellationToken cancellationToken) =>
        await services.Runs.ResolveAsync(text, cancellationToken) is { } id && await services.Runs.ShowAsync(id, cancellationToken) is not null
            ? id
            : throw new UserErrorException($"no run '{text}' (see 'takt runs list')");
}
