using System.Globalization;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Workflows;
using Takt.Engine.Runs;

namespace Takt.Cli.Commands;

/// <summary>How runs read: live progress and tables for people, stable JSON for scripts.</summary>
internal static class RunViews
{
    public static int Invalid(CliOutput cli, string path, IReadOnlyList<WorkflowProblem> problems)
    {
        if (cli.Json)
        {
            cli.WriteJson(new { error = $"{path} has {problems.Count} problem(s)", problems = problems.Select(p => new { node = p.Node, port = p.Port, code = p.Code, message = p.Message }) });
        }

        cli.Error.WriteLine($"error: {path} cannot run, {problems.Count} problem(s):");
        foreach (var problem in problems)
        {
            cli.Error.WriteLine($"  {problem.Code,-20} {problem}");
        }

        return ExitCodes.UserError;
    }

    public static int Valid(CliOutput cli, WorkflowPlan plan)
    {
        if (cli.Json)
        {
            cli.WriteJson(new { valid = true, nodes = plan.Order.Select(n => new { id = n.Id, type = n.Type.Key, capability = n.Type.Capability }) });
            return ExitCodes.Ok;
        }

        cli.Line($"Valid: {plan.Order.Count} node(s), in order {Markup.Escape(string.Join(" → ", plan.Order.Take(12).Select(n => n.Id)))}{(plan.Order.Count > 12 ? " …" : "")}");
        return ExitCodes.Ok;
    }

    public static int Queued(CliOutput cli, Guid run, WorkflowPlan plan)
    {
        if (cli.Json)
        {
            cli.WriteJson(new { run, status = "queued", nodes = plan.Order.Count });
        }
        else
        {
            cli.Line($"Queued run {run} ({plan.Order.Count} nodes); run it with: takt runs resume {run}");
        }

        return ExitCodes.Ok;
    }

    /// <summary>Feeds the progress bar (or plain lines when not on a terminal) from the live events until stopped.</summary>
    public static async Task FollowAsync(CliOutput cli, RunEvents events, Guid run, int nodes, Action<int, int, string> report, CancellationToken cancellationToken)
    {
        var finished = 0;
        try
        {
            await foreach (var e in events.Subscribe(cancellationToken).ReadAllAsync(cancellationToken))
            {
                if (e.RunId != run)
                {
                    continue;
                }

                switch (e.Kind)
                {
                    case "node-finished" or "node-cached" or "node-failed" or "node-skipped":
                        finished++;
                        report(finished, nodes, $"{e.NodeId} {e.Message}");
                        if (!cli.Interactive && !cli.Json)
                        {
                            cli.Plain($"{e.At:HH:mm:ss} {e.NodeId,-16} {e.Message}");
                        }

                        break;
                    case "node-started" or "progress":
                        report(finished, nodes, $"{e.NodeId} {e.Message}");
                        break;
                    case "log" when !cli.Interactive && !cli.Json:
                        cli.Plain($"{e.At:HH:mm:ss} {e.NodeId,-16} {e.Message}");
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
    }

    public static int Finished(CliOutput cli, RunDetail detail, RunStatus status)
    {
        var sinks = Sinks(detail);
        if (cli.Json)
        {
            cli.WriteJson(new
            {
                run = detail.Run.Id,
                status = RunStatuses.Name(status),
                error = detail.Run.Error,
                nodes = detail.Nodes.Select(Node),
                outputs = sinks.ToDictionary(s => s.NodeId, s => s.Outputs!.ToDictionary(o => o.Key, o => Value(o.Value))),
            });
        }
        else
        {
            var counts = detail.Nodes.GroupBy(n => n.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {NodeStatuses.Name(g.Key)}");
            cli.Line($"Run {detail.Run.Id} [bold]{RunStatuses.Name(status)}[/]: {string.Join(", ", counts)}");
            if (detail.Run.Error is { } error)
            {
                cli.Line($"  {Markup.Escape(error)}");
            }

            foreach (var sink in sinks)
            {
                foreach (var (port, value) in sink.Outputs!)
                {
                    cli.Line($"  {Markup.Escape(sink.NodeId)}.{Markup.Escape(port)} = {Markup.Escape(Describe(value))}");
                }
            }
        }

        return status == RunStatus.Succeeded ? ExitCodes.Ok : ExitCodes.RunNotSucceeded;
    }

    public static void List(CliOutput cli, IReadOnlyList<RunSummary> runs)
    {
        if (cli.Json)
        {
            cli.WriteJson(runs.Select(r => new { run = r.Id, workflow = r.Workflow, status = RunStatuses.Name(r.Status), nodes = r.Nodes, done = r.Done, failed = r.Failed, createdAt = r.CreatedAt, finishedAt = r.FinishedAt, error = r.Error }));
            return;
        }

        if (runs.Count == 0)
        {
            cli.Line("No runs yet: takt run <workflow.json>");
            return;
        }

        var table = new Table().AddColumns("run", "workflow", "status", "done", "created", "error");
        foreach (var r in runs)
        {
            table.AddRow(r.Id.ToString()[^12..], Markup.Escape(r.Workflow), RunStatuses.Name(r.Status), $"{r.Done}/{r.Nodes}",
                r.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape(Short(r.Error ?? "")));
        }

        cli.Console.Write(table);
    }

    public static void Show(CliOutput cli, RunDetail detail)
    {
        if (cli.Json)
        {
            cli.WriteJson(new { run = detail.Run.Id, workflow = detail.Run.Workflow, status = RunStatuses.Name(detail.Run.Status), error = detail.Run.Error, createdAt = detail.Run.CreatedAt, startedAt = detail.Run.StartedAt, finishedAt = detail.Run.FinishedAt, nodes = detail.Nodes.Select(Node) });
            return;
        }

        cli.Line($"Run {detail.Run.Id} ({Markup.Escape(detail.Run.Workflow)}): [bold]{RunStatuses.Name(detail.Run.Status)}[/], {detail.Run.Done}/{detail.Run.Nodes} nodes done");
        if (detail.Run.Error is { } error)
        {
            cli.Line($"  {Markup.Escape(error)}");
        }

        var table = new Table().AddColumns("node", "type", "status", "backend", "tries", "outputs / error");
        foreach (var n in detail.Nodes)
        {
            var what = n.Error ?? string.Join(", ", (n.Outputs ?? new Dictionary<string, PortValue>()).Select(o => $"{o.Key}={Describe(o.Value)}"));
            table.AddRow(Markup.Escape(n.NodeId), Markup.Escape(n.NodeType), NodeStatuses.Name(n.Status), Markup.Escape(n.Backend ?? ""), n.Attempts.ToString(CultureInfo.InvariantCulture), Markup.Escape(Short(what)));
        }

        cli.Console.Write(table);
    }

    public static void Logs(CliOutput cli, IReadOnlyList<RunLogEntry> entries)
    {
        foreach (var e in entries)
        {
            if (cli.Json)
            {
                cli.WriteJson(new { id = e.Id, at = e.At, node = e.Node, kind = e.Kind, message = e.Message });
            }
            else
            {
                cli.Plain($"{e.At:yyyy-MM-dd HH:mm:ss.fff} {e.Kind,-16} {e.Node ?? "",-16} {e.Message}");
            }
        }
    }

    /// <summary>The nodes nothing else reads from: a run's results.</summary>
    private static List<NodeCheckpoint> Sinks(RunDetail detail)
    {
        var workflow = WorkflowJson.Parse(detail.WorkflowJson);
        var read = workflow.Nodes.Values.SelectMany(n => n.Inputs.Values).Select(r => r.Node).ToHashSet(StringComparer.Ordinal);
        return [.. detail.Nodes.Where(n => !read.Contains(n.NodeId) && n.Outputs is not null).OrderBy(n => n.NodeId, StringComparer.Ordinal)];
    }

    private static object Node(NodeCheckpoint n) => new
    {
        node = n.NodeId,
        type = n.NodeType,
        status = NodeStatuses.Name(n.Status),
        backend = n.Backend,
        attempts = n.Attempts,
        error = n.Error,
        lineage = n.LineageNode,
        outputs = n.Outputs?.ToDictionary(o => o.Key, o => Value(o.Value)),
        startedAt = n.StartedAt,
        finishedAt = n.FinishedAt,
    };

    private static object Value(PortValue v) => new { type = PortTypes.Name(v.Type), hash = v.ContentHash, blob = v.BlobHash, mediaType = v.MediaType, value = v.Inline, lineage = v.Lineage };

    private static string Describe(PortValue v) => v.BlobHash is { } blob
        ? $"{v.MediaType ?? PortTypes.Name(v.Type)} sha256:{blob[..12]}"
        : Short(v.Inline?.GetRawText() ?? "");

    private static string Short(string text) => text.Length <= 80 ? text : text[..79] + "…";
}
