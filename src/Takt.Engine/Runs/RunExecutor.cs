using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Blobs;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;

namespace Takt.Engine.Runs;

/// <summary>
/// Runs persisted workflow runs: ready nodes go to backends in parallel up to each backend's
/// capacity, unchanged work is taken from the result cache, finished nodes are checkpointed
/// (with their Generation lineage nodes written first, under ids fixed by run and node, so a
/// resumed run re-records nothing), transient backend failures are retried with backoff, and a
/// cancel from this or another process stops the run.
/// </summary>
public sealed partial class RunExecutor(
    IRunStateStore store,
    BackendSet backends,
    IBackendSlots slots,
    IGenerationRecorder lineage,
    IBlobStore blobs,
    RunEvents events,
    EngineOptions options,
    TimeProvider time) : IRunDriver, IRunQueue
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _active = new();

    /// <summary>Capacity of backends that run in this process, whatever <c>slots</c> hands out for shared ones.</summary>
    private readonly LocalBackendSlots _inProcessSlots = new();

    /// <summary>Running nodes' own cancellation, and nodes asked to stop before they started.</summary>
    private readonly ConcurrentDictionary<(Guid Run, string Node), CancellationTokenSource> _nodes = new();
    private readonly ConcurrentDictionary<(Guid Run, string Node), bool> _cancelledNodes = new();

    /// <summary>
    /// Generation nodes of finished nodes whose lineage the checkpoint writer has not yet recorded;
    /// a dependent node that reads the graph waits on them (<see cref="INodeRunContext.WhenLineageRecordedAsync"/>).
    /// </summary>
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _unrecorded = new();

    /// <summary>Plans this executor made, by canonical workflow JSON: a run submitted here is not parsed and validated twice.</summary>
    private readonly ConcurrentDictionary<string, WorkflowPlan> _plans = new(StringComparer.Ordinal);

    /// <summary>Validates a workflow against this executor's backends (throws <see cref="WorkflowException"/> with every problem) and remembers the plan for the run about to be submitted.</summary>
    public WorkflowPlan Plan(Workflow workflow)
    {
        var plan = WorkflowValidator.Plan(workflow, backends.Catalog);
        if (_plans.Count >= 64)
        {
            _plans.Clear();
        }

        _plans[WorkflowJson.Serialize(workflow)] = plan;
        return plan;
    }

    public RunEvents Events => events;

    public async Task<RunStatus> DriveAsync(Guid runId, CancellationToken cancellationToken)
    {
        var record = await store.LoadAsync(runId, cancellationToken) ?? throw new KeyNotFoundException($"no run {runId}");
        if (RunStatuses.IsFinal(record.Status))
        {
            return record.Status;
        }

        WorkflowPlan plan;
        try
        {
            plan = _plans.TryGetValue(record.WorkflowJson, out var known) ? known : WorkflowValidator.Plan(WorkflowJson.Parse(record.WorkflowJson), backends.Catalog);
        }
        catch (WorkflowException e)
        {
            // E.g. a ComfyUI template or backend removed since the run was queued.
            await store.FinishAsync(runId, RunStatus.Failed, $"the run's workflow cannot run here: {e.Message}", cancellationToken);
            return RunStatus.Failed;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!_active.TryAdd(runId, cancel))
        {
            throw new InvalidOperationException($"run {runId} is already being driven in this process");
        }

        try
        {
            return await DriveAsync(record, plan, cancel, cancellationToken);
        }
        finally
        {
            _active.TryRemove(runId, out _);
        }
    }

    public async Task CancelAsync(Guid runId, CancellationToken cancellationToken)
    {
        if (!await store.RequestCancelAsync(runId, cancellationToken))
        {
            throw new KeyNotFoundException($"no run {runId}");
        }

        if (_active.TryGetValue(runId, out var local))
        {
            await local.CancelAsync();
        }
    }

    /// <summary>Cancels one node (from any process, through the store): its dependents are skipped, the rest of the run goes on.</summary>
    public async Task CancelNodeAsync(Guid runId, string nodeId, CancellationToken cancellationToken)
    {
        await store.RequestCancelNodeAsync(runId, nodeId, cancellationToken);
        await CancelNodeLocallyAsync(runId, nodeId);
    }

    private async Task CancelNodeLocallyAsync(Guid runId, string nodeId)
    {
        _cancelledNodes[(runId, nodeId)] = true;
        if (_nodes.TryGetValue((runId, nodeId), out var running))
        {
            await running.CancelAsync();
        }
    }

    public Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken cancellationToken) => store.UnfinishedAsync(cancellationToken);

    public Task<IReadOnlyList<Guid>> QueuedAsync(CancellationToken cancellationToken) => store.QueuedAsync(cancellationToken);

    private async Task<RunStatus> DriveAsync(RunRecord record, WorkflowPlan plan, CancellationTokenSource cancel, CancellationToken hostToken)
    {
        var runId = record.Id;
        var scheduler = new RunScheduler(plan, record.Nodes.ToDictionary(n => n.Key, n => n.Value.Status, StringComparer.Ordinal));
        var outputs = new Dictionary<string, IReadOnlyDictionary<string, PortValue>>(StringComparer.Ordinal);
        foreach (var (id, node) in record.Nodes)
        {
            if (NodeStatuses.IsDone(node.Status) && node.Outputs is not null)
            {
                outputs[id] = node.Outputs;
            }
        }

        // A run its submitter drives at once starts as running: its start is written with the first checkpoint instead.
        var startedEvent = Event(runId, null, "run-started", $"{scheduler.Total - scheduler.Finished} of {scheduler.Total} node(s) to run");
        var fresh = record.Status == RunStatus.Running && record.Nodes.Count == 0;
        if (!fresh)
        {
            await store.MarkRunningAsync(runId, hostToken);
        }

        // Nodes the checkpoint left pending below a failed or cancelled node (a crash between two
        // checkpoints) are skipped now; write that down so the stored run matches the scheduler.
        var skippedOnLoad = scheduler.Statuses
            .Where(s => s.Value == NodeStatus.Skipped && record.Nodes.GetValueOrDefault(s.Key)?.Status != NodeStatus.Skipped)
            .Select(s => new NodeCheckpoint(s.Key, plan[s.Key].Type.Key, NodeStatus.Skipped, record.Nodes.GetValueOrDefault(s.Key)?.Attempts ?? 0, Error: "not run: a node it depends on did not succeed"))
            .ToList();
        if (skippedOnLoad.Count > 0)
        {
            await store.CheckpointAsync(runId, record.Tenant, skippedOnLoad, [], hostToken);
        }

        events.Publish(startedEvent);
        if (record.CancelRequested)
        {
            await cancel.CancelAsync();
        }

        var finished = Channel.CreateUnbounded<NodeOutcome>(new UnboundedChannelOptions { SingleReader = true });
        var writes = Channel.CreateUnbounded<Checkpoint>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var watcher = new CancellationTokenSource();
        var watch = WatchForCancelAsync(runId, cancel, watcher.Token);
        // When the host stops (Ctrl-C, a silo shutting down), what finished is still written, for a
        // while: a resumed run then does not redo it. Only a hard kill loses the last few milliseconds.
        using var flush = new CancellationTokenSource();
        using var flushOnStop = hostToken.Register(() => flush.CancelAfter(FlushOnStop));
        var writer = WriteCheckpointsAsync(record, writes.Reader, flush.Token);
        var pendingEvents = fresh ? new List<RunEvent> { startedEvent } : [];

        var attempts = record.Nodes.ToDictionary(n => n.Key, n => n.Value.Attempts, StringComparer.Ordinal);
        var firstError = (string?)null;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var batch = new List<NodeOutcome>();
            while (true)
            {
                if (writer.IsFaulted)
                {
                    await writer; // a checkpoint could not be written: stop here, the run stays resumable
                }

                if (!cancel.IsCancellationRequested)
                {
                    await StartReadyAsync(record, scheduler.TakeReady(), outputs, attempts, finished.Writer, cancel.Token, hostToken);
                }
                else
                {
                    scheduler.CancelPending();
                }

                if (scheduler.Running == 0)
                {
                    break;
                }

                batch.Add(await finished.Reader.ReadAsync(hostToken));
                while (batch.Count < options.CheckpointBatch && finished.Reader.TryRead(out var more))
                {
                    batch.Add(more);
                }

                var checkpoints = new List<NodeCheckpoint>(batch.Count);
                var runEvents = new List<RunEvent>(pendingEvents);
                pendingEvents.Clear();
                foreach (var outcome in batch)
                {
                    var skipped = scheduler.Complete(outcome.NodeId, outcome.Status);
                    reported.Add(outcome.NodeId);
                    reported.UnionWith(skipped);
                    if (outcome.Outputs is not null)
                    {
                        outputs[outcome.NodeId] = outcome.Outputs;
                    }

                    firstError ??= outcome.Error is null ? null : $"node '{outcome.NodeId}': {outcome.Error}";
                    checkpoints.Add(new NodeCheckpoint(outcome.NodeId, plan[outcome.NodeId].Type.Key, outcome.Status, outcome.Attempts, outcome.CacheKey, outcome.Outputs, outcome.Backend, outcome.Error, outcome.LineageNode, outcome.StartedAt, outcome.FinishedAt));
                    runEvents.AddRange(outcome.Events);
                    foreach (var id in skipped)
                    {
                        checkpoints.Add(new NodeCheckpoint(id, plan[id].Type.Key, NodeStatus.Skipped, attempts.GetValueOrDefault(id), Error: $"not run: '{outcome.NodeId}' {NodeStatuses.Name(outcome.Status)}"));
                        runEvents.Add(Event(runId, id, "node-skipped", $"not run: '{outcome.NodeId}' {NodeStatuses.Name(outcome.Status)}"));
                    }
                }

                // Written behind the scheduler: ready nodes start while earlier ones are checkpointed.
                writes.Writer.TryWrite(new Checkpoint(checkpoints, runEvents, [.. batch.Where(o => o.Generation is not null).Select(o => o.Generation!)]));
                batch.Clear();
            }

            writes.Writer.TryComplete();
            await writer;

            if (cancel.IsCancellationRequested)
            {
                // Pending nodes that never started; nodes that ran to a cancel were written with their outcome.
                var cancelled = scheduler.Statuses.Where(s => s.Value == NodeStatus.Cancelled && !reported.Contains(s.Key)).Select(s => new NodeCheckpoint(s.Key, plan[s.Key].Type.Key, NodeStatus.Cancelled, attempts.GetValueOrDefault(s.Key), Error: "cancelled")).ToList();
                await store.CheckpointAsync(runId, record.Tenant, cancelled, [], hostToken);
            }

            var status = cancel.IsCancellationRequested && !hostToken.IsCancellationRequested && scheduler.Outcome() != RunStatus.Failed ? RunStatus.Cancelled : scheduler.Outcome();
            var error = status switch
            {
                RunStatus.Succeeded => null,
                RunStatus.Cancelled => "cancelled",
                RunStatus.Paused => $"{firstError ?? "a backend did not respond"}; resume with 'takt runs resume {runId}'",
                _ => firstError,
            };
            await store.FinishAsync(runId, status, error, hostToken);
            Publish(runId, null, "run-finished", error is null ? RunStatuses.Name(status) : $"{RunStatuses.Name(status)}: {error}");
            return status;
        }
        finally
        {
            foreach (var key in _cancelledNodes.Keys.Where(k => k.Run == runId))
            {
                _cancelledNodes.TryRemove(key, out _);
            }

            if (writes.Writer.TryComplete())
            {
                try
                {
                    await writer;
                }
                catch (Exception e) when (hostToken.IsCancellationRequested && e is OperationCanceledException or DbUpdateException)
                {
                    // Stopping anyway; the run resumes from whatever was written.
                }
            }

            await watcher.CancelAsync();
            await watch;

            // A node left unrecorded by a stopped run is recorded when the run resumes; nothing waits for it now.
            foreach (var node in plan.Order)
            {
                if (_unrecorded.TryRemove(GenerationId(runId, node.Id), out var waiting))
                {
                    waiting.TrySetCanceled(CancellationToken.None);
                }
            }
        }
    }

    /// <summary>
    /// Writes finished nodes in order, one transaction for everything that finished meanwhile:
    /// their Generation lineage first (a node's parents are always in an earlier or the same batch,
    /// since a node starts only after its inputs finished), then their checkpoint rows.
    /// </summary>
    private async Task WriteCheckpointsAsync(RunRecord record, ChannelReader<Checkpoint> writes, CancellationToken cancellationToken)
    {
        while (await writes.WaitToReadAsync(cancellationToken))
        {
            // Nodes that take milliseconds finish in quick succession: gather them for a moment
            // (unless the run is ending) so they share one transaction instead of paying one each.
            await Task.WhenAny(writes.Completion, Task.Delay(CoalesceWindow, time, cancellationToken));
            var nodes = new List<NodeCheckpoint>();
            var runEvents = new List<RunEvent>();
            var generations = new List<GenerationDraft>();
            while (nodes.Count < options.CheckpointBatch && writes.TryRead(out var next))
            {
                nodes.AddRange(next.Nodes);
                runEvents.AddRange(next.Events);
                generations.AddRange(next.Generations);
            }

            try
            {
                await lineage.RecordAsync(generations, cancellationToken);
            }
            catch (Exception e)
            {
                Recorded(generations, e);
                throw;
            }

            Recorded(generations, null);
            await store.CheckpointAsync(record.Id, record.Tenant, nodes, runEvents, cancellationToken);
        }
    }

    private void Recorded(IEnumerable<GenerationDraft> generations, Exception? failure)
    {
        foreach (var draft in generations)
        {
            if (_unrecorded.TryRemove(draft.Id, out var waiting))
            {
                _ = failure is null ? waiting.TrySetResult() : waiting.TrySetException(new InvalidOperationException($"the lineage of {draft.Label} was not recorded: {failure.Message}", failure));
            }
        }
    }

    /// <summary>A value from a node of a run still being written waits for its lineage; anything else (an asset, a model, a cached or earlier result) is recorded already.</summary>
    private Task WhenLineageRecordedAsync(Guid node, CancellationToken cancellationToken) =>
        _unrecorded.TryGetValue(node, out var waiting) ? waiting.Task.WaitAsync(cancellationToken) : Task.CompletedTask;

    private static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan FlushOnStop = TimeSpan.FromSeconds(10);

    private sealed record Checkpoint(IReadOnlyList<NodeCheckpoint> Nodes, IReadOnlyList<RunEvent> Events, IReadOnlyList<GenerationDraft> Generations);

    /// <summary>Another process cancels by setting the run's flag; this one notices within the poll interval.</summary>
    private async Task WatchForCancelAsync(Guid runId, CancellationTokenSource cancel, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested && !cancel.IsCancellationRequested)
            {
                await Task.Delay(options.CancelPollInterval, time, stop);
                if (await store.CancelRequestedAsync(runId, stop))
                {
                    await cancel.CancelAsync();
                }

                foreach (var node in await store.CancelledNodesAsync(runId, stop))
                {
                    if (!_cancelledNodes.ContainsKey((runId, node)))
                    {
                        await CancelNodeLocallyAsync(runId, node);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
    }

    private RunEvent Event(Guid runId, string? node, string kind, string message) => new(runId, node, kind, message, time.GetUtcNow());

    private void Publish(Guid runId, string? node, string kind, string message) => events.Publish(Event(runId, node, kind, message));
}
