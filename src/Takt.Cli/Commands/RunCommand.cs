using System.CommandLine;
using Takt.Cli.Hosting;
using Takt.Domain.Workflows;
using Takt.Engine.Runs;

namespace Takt.Cli.Commands;

/// <summary><c>takt run workflow.json --set node.param=value</c>: validate, queue, run with live progress.</summary>
public static class RunCommand
{
    public static Command Create(GlobalOptions global)
    {
        var workflow = new Argument<string>("workflow") { Description = "A workflow file: {\"name\", \"nodes\": {id: {\"type\", \"params\", \"inputs\": {port: \"node.port\"}}}} (see README)" };
        var set = new Option<string[]>("--set") { Description = "Override a parameter: node.param=value (JSON, or text)", AllowMultipleArgumentsPerToken = false };
        var tenant = new Option<string?>("--tenant") { Description = "The tenant the run belongs to (default: the workspace's only studio)" };
        var detach = new Option<bool>("--detach") { Description = "Only validate and queue the run; 'takt runs resume' runs it" };
        var check = new Option<bool>("--check") { Description = "Only validate: report every problem, run nothing" };
        var command = new Command("run", "Run a workflow: nodes in parallel on their backends, unchanged work reused, every node run recorded in lineage")
        {
            workflow, set, tenant, detach, check,
        };
        global.Bind(command, async (result, cli, ct) =>
        {
            var path = result.GetValue(workflow)!;
            if (!File.Exists(path))
            {
                throw new UserErrorException($"workflow '{path}' does not exist");
            }

            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            using var engine = await services.EngineAsync(ct);
            WorkflowPlan plan;
            try
            {
                var parsed = WorkflowOverrides.Apply(WorkflowJson.Parse(await File.ReadAllTextAsync(path, ct)), result.GetValue(set) ?? []);
                plan = engine.Executor.Plan(parsed);
            }
            catch (WorkflowException e)
            {
                return RunViews.Invalid(cli, path, e.Problems);
            }

            if (result.GetValue(check))
            {
                return RunViews.Valid(cli, plan);
            }

            var owner = await services.RunTenantAsync(result.GetValue(tenant), ct);
            var run = await engine.Store.SubmitAsync(owner, plan, ct, queued: result.GetValue(detach));
            if (result.GetValue(detach))
            {
                return RunViews.Queued(cli, run, plan);
            }

            return await DriveAsync(cli, engine, run, plan.Order.Count, ct);
        });
        return command;
    }

    /// <summary>Drives a run with live progress; Ctrl-C leaves it resumable rather than cancelled.</summary>
    internal static async Task<int> DriveAsync(CliOutput cli, WorkflowEngine engine, Guid run, int nodes, CancellationToken cancellationToken)
    {
        RunStatus status;
        try
        {
            status = await DriveWithProgressAsync(cli, engine, run, nodes, $"run {run.ToString()[^12..]}", cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await cli.Error.WriteLineAsync($"interrupted: run {run} keeps its finished nodes; continue it with 'takt runs resume {run}'");
            return 130;
        }

        return RunViews.Finished(cli, (await engine.Store.ShowAsync(run, cancellationToken))!, status);
    }

    /// <summary>Drives a run in this process under a progress bar fed by the run's own events.</summary>
    internal static Task<RunStatus> DriveWithProgressAsync(CliOutput cli, WorkflowEngine engine, Guid run, int nodes, string title, CancellationToken cancellationToken) =>
        cli.WithProgressAsync(title, async report =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var feed = RunViews.FollowAsync(cli, engine.Executor.Events, run, nodes, report, stop.Token);
            try
            {
                return await engine.Executor.DriveAsync(run, cancellationToken);
            }
            finally
            {
                await stop.CancelAsync();
                await feed;
            }
        });
}
