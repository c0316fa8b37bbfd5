using System.Globalization;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.HostedVideo;

public sealed partial class HostedVideoBackend
{
    /// <summary>How many polls in a row may fail transiently before the node gives up (and cancels remotely).</summary>
    private const int PollFailuresTolerated = 5;

    /// <summary>The remote cancel gets its own short budget: the node's own token is already cancelled when it runs.</summary>
    private static readonly TimeSpan CancelBudget = TimeSpan.FromSeconds(15);

    public async Task<NodeResult> ExecuteAsync(NodeInvocation invocation, INodeRunContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(invocation, context, cancellationToken);
        }
        catch (BackendException e) when (_redactor.Contains(e.Message))
        {
            // A provider echoed a credential in its error text: rethrow without it (and without the
            // inner exception, whose message would carry it too).
            throw new BackendException(_redactor.Redact(e.Message), e.Transient, retryAfter: e.RetryAfter);
        }
    }

    private async Task<NodeResult> RunAsync(NodeInvocation invocation, INodeRunContext context, CancellationToken cancellationToken)
    {
        var typeName = invocation.Type.Name;
        var operation = HostedVideoNodeTypes.OperationOf(typeName)
            ?? throw new BackendException($"{Name}: '{typeName}' is not a hosted video node type", transient: false);
        if (!_provider.Operations.Contains(operation))
        {
            throw new BackendException($"{Name}: {_provider.LineageName} does not offer {typeName}", transient: false);
        }

        var read = await VideoRequestReader.ReadAsync(invocation, operation, _provider, _settings.Model, context, cancellationToken);
        foreach (var ignored in read.Ignored)
        {
            Log(context, $"{Name}: ignored {ignored}");
        }

        var task = await _provider.SubmitAsync(read.Request, cancellationToken);
        Log(context, $"{Name}: submitted {typeName} as {_provider.LineageName} task {task.Id}");
        var done = await PollUntilFinishedAsync(task, context, cancellationToken);
        if (done.State == RemoteTaskState.Failed)
        {
            throw new BackendException($"{_provider.LineageName}: task {task.Id} failed: {done.Failure ?? "no reason given"}", done.FailureTransient);
        }

        var stored = await VideoDownload.StoreAsync(ct => _provider.OpenResultAsync(task, done, ct), _provider.Http, context, cancellationToken);

        context.Progress(1, 1);
        Log(context, $"{Name}: stored task {task.Id} as {stored.ContentHash}");
        var reference = new RemoteVideoReference(_provider.Kind, task.Id, done.VideoId);
        var provenance = new NodeProvenance(
            $"{_provider.LineageName} {read.Request.Model}",
            read.Request.Seed is null ? SeedSupport.Unsupported : SeedSupport.Seeded,
            read.Request.Seed,
            [new ModelUse(read.Request.Model, Sha256: null, Role: "video")],
            task.Id,
            read.Details);
        return new NodeResult(
            new Dictionary<string, PortValue>(StringComparer.Ordinal) { [HostedVideoNodeTypes.VideoPort] = stored with { Inline = reference.ToJson() } },
            provenance);
    }

    private async Task<RemoteTaskPoll> PollUntilFinishedAsync(RemoteTask task, INodeRunContext context, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var failures = 0;
        try
        {
            while (true)
            {
                TimeSpan? wait = null;
                try
                {
                    var poll = await _provider.PollAsync(task, cancellationToken);
                    failures = 0;
                    if (poll.State is RemoteTaskState.Succeeded or RemoteTaskState.Failed)
                    {
                        return poll;
                    }

                    if (poll.Progress is { } progress)
                    {
                        context.Progress(progress, poll.ProgressMax);
                    }

                    wait = poll.PollAfter;
                }
                catch (BackendException e) when (e.Transient && ++failures < PollFailuresTolerated)
                {
                    // The job keeps running remotely: a flaky poll is no reason to abandon (and pay for) it.
                    Log(context, $"{Name}: polling task {task.Id} failed ({e.Message}); trying again");
                    wait = e.RetryAfter;
                }

                var remaining = _settings.Deadline - _time.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    throw new BackendException(
                        $"{_provider.LineageName}: task {task.Id} did not finish within {_settings.Deadline.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s{(_provider.CanCancel ? "; a remote cancel was sent" : "")}",
                        transient: true);
                }

                var delay = wait ?? _settings.PollInterval;
                await Task.Delay(delay < remaining ? delay : remaining, _time, cancellationToken);
            }
        }
        catch (Exception)
        {
            // Abandoning an unfinished job: stop it remotely where the API allows, so it neither
            // runs on nor bills; then let the cancellation or failure through unchanged.
            await CancelRemoteAsync(task, context);
            throw;
        }
    }

    private async Task CancelRemoteAsync(RemoteTask task, INodeRunContext context)
    {
        if (!_provider.CanCancel)
        {
            Log(context, $"{Name}: {_provider.LineageName} has no cancel for a running task; task {task.Id} is left to finish remotely");
            return;
        }

        using var budget = new CancellationTokenSource(CancelBudget, _time);
        try
        {
            await _provider.CancelAsync(task, budget.Token);
            Log(context, $"{Name}: cancelled task {task.Id} remotely");
        }
        catch (Exception e) when (e is BackendException or OperationCanceledException)
        {
            Log(context, $"{Name}: could not cancel task {task.Id} remotely: {e.Message}");
        }
    }

    private void Log(INodeRunContext context, string line) => context.Log(_redactor.Redact(line));
}
