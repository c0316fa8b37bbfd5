using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;
using Takt.Provenance.Export;

namespace Takt.Engine.Runs;

public sealed partial class RunExecutor
{
    /// <summary>Generation node ids: fixed by run and node, so a resumed or retried node is recorded once.</summary>
    private static readonly Guid GenerationNamespace = new("6c1f2a7e-93b4-4e0a-9d55-0f3b8e7c2a41");

    private static readonly ResiliencePropertyKey<INodeRunContext> NodeContextKey = new("takt.node");

    public static Guid GenerationId(Guid runId, string nodeId) => NameBasedUuid.Create(GenerationNamespace, $"{runId:D}/{nodeId}");

    /// <summary>Retries with backoff (honouring a backend's Retry-After) around a per-attempt timeout; built once per executor.</summary>
    private ResiliencePipeline<NodeResult> Pipeline => field ??= new ResiliencePipelineBuilder<NodeResult>()
        .AddRetry(new RetryStrategyOptions<NodeResult>
        {
            ShouldHandle = new PredicateBuilder<NodeResult>().Handle<BackendException>(e => e.Transient).Handle<TimeoutRejectedException>(),
            MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.RetryMaxDelay,
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is BackendException { RetryAfter: { } after } ? after : (TimeSpan?)null),
            OnRetry = args =>
            {
                if (args.Context.Properties.TryGetValue(NodeContextKey, out var node))
                {
                    node.Log($"retrying in {args.RetryDelay.TotalSeconds:0.#} s after attempt {args.AttemptNumber + 1}: {args.Outcome.Exception?.Message ?? "no result"}");
                }

                return ValueTask.CompletedTask;
            },
        })
        .AddTimeout(options.NodeTimeout)
        .Build();

    /// <summary>
    /// Starts the nodes that became ready together: one cache look-up for all of them, cached ones
    /// answered at once, the rest run on their backends.
    /// </summary>
    private async Task StartReadyAsync(
        RunRecord run,
        IReadOnlyList<PlannedNode> ready,
        Dictionary<string, IReadOnlyDictionary<string, PortValue>> outputs,
        Dictionary<string, int> attempts,
        ChannelWriter<NodeOutcome> done,
        CancellationToken cancellationToken,
        CancellationToken hostToken)
    {
        if (ready.Count == 0)
        {
            return;
        }

        var work = new List<(PlannedNode Node, Dictionary<string, PortValue> Inputs, string Key)>(ready.Count);
        foreach (var node in ready)
        {
            var inputs = node.Inputs.ToDictionary(i => i.Key, i => outputs[i.Value.Node][i.Value.Port], StringComparer.Ordinal);
            work.Add((node, inputs, NodeCacheKey.Compute(node.Type, node.Parameters, inputs.ToDictionary(i => i.Key, i => i.Value.ContentHash, StringComparer.Ordinal))));
        }

        var cached = await store.FindCachedAsync(run.Tenant, [.. work.Where(w => w.Node.Type.Cacheable).Select(w => w.Key)], hostToken);
        foreach (var (node, inputs, key) in work)
        {
            if (node.Type.Cacheable && cached.TryGetValue(key, out var hit) && await BlobsPresentAsync(hit.Outputs, hostToken))
            {
                var now = time.GetUtcNow();
                var e = Event(run.Id, node.Id, "node-cached", "cached");
                events.Publish(e);
                done.TryWrite(new NodeOutcome(node.Id, NodeStatus.Cached, attempts.GetValueOrDefault(node.Id), key, hit.Outputs, null, null, hit.LineageNode, null, now, now, [e]));
            }
            else
            {
                _ = RunNodeAsync(run, node, inputs, key, attempts.GetValueOrDefault(node.Id), done, cancellationToken);
            }
        }
    }

    /// <summary>Runs one node to an outcome and posts it; it never throws, so the loop always hears back.</summary>
    private async Task RunNodeAsync(RunRecord run, PlannedNode node, IReadOnlyDictionary<string, PortValue> inputs, string key, int previousAttempts, ChannelWriter<NodeOutcome> done, CancellationToken runToken)
    {
        using var own = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        _nodes[(run.Id, node.Id)] = own;
        if (_cancelledNodes.ContainsKey((run.Id, node.Id)))
        {
            await own.CancelAsync();
        }

        var cancellationToken = own.Token;
        var started = time.GetUtcNow();
        var log = new List<RunEvent>();
        var attempts = previousAttempts;
        INodeBackend? backend = null;
        NodeOutcome Outcome(NodeStatus status, string? error, IReadOnlyDictionary<string, PortValue>? outputs = null, Guid? lineageNode = null, GenerationDraft? generation = null)
        {
            var message = error is null ? NodeStatuses.Name(status) : $"{NodeStatuses.Name(status)}: {error}";
            var e = Event(run.Id, node.Id, status == NodeStatus.Succeeded ? "node-finished" : "node-failed", message);
            log.Add(e);
            events.Publish(e);
            return new NodeOutcome(node.Id, status, attempts, key, outputs, backend?.Name, error, lineageNode, generation, started, time.GetUtcNow(), log);
        }

        NodeOutcome outcome;
        try
        {
            backend = backends.Place(node.Type);
            if (backend is null)
            {
                outcome = Outcome(NodeStatus.Failed, $"no backend offers '{node.Type.Capability}' for '{node.Type.Key}'");
            }
            else
            {
                try
                {
                    outcome = await ExecuteAsync(run, node, inputs, backend, log, () => ++attempts, Outcome, cancellationToken);
                }
                finally
                {
                    backends.Release(backend);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = Outcome(NodeStatus.Cancelled, "cancelled");
        }
        catch (BackendException e) when (e.Transient)
        {
            outcome = Outcome(NodeStatus.Paused, $"{backend?.Name ?? "backend"} kept failing after {attempts} attempt(s): {e.Message}");
        }
        catch (TimeoutRejectedException)
        {
            outcome = Outcome(NodeStatus.Paused, $"{backend?.Name ?? "backend"} did not finish within {options.NodeTimeout} in {attempts} attempt(s)");
        }
        catch (BackendException e)
        {
            outcome = Outcome(NodeStatus.Failed, e.Message);
        }
#pragma warning disable CA1031 // A node's bug must fail that node, named, not take the run (and its checkpoints) down with it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome = Outcome(NodeStatus.Failed, $"{e.GetType().Name}: {e.Message}");
        }

        _nodes.TryRemove((run.Id, node.Id), out _);
        done.TryWrite(outcome);
    }

    private async Task<NodeOutcome> ExecuteAsync(
        RunRecord run,
        PlannedNode node,
        IReadOnlyDictionary<string, PortValue> inputs,
        INodeBackend backend,
        List<RunEvent> log,
        Func<int> nextAttempt,
        Func<NodeStatus, string?, IReadOnlyDictionary<string, PortValue>?, Guid?, GenerationDraft?, NodeOutcome> outcome,
        CancellationToken cancellationToken)
    {
        await using var lease = await (backend.RunsInProcess ? _inProcessSlots : slots).AcquireAsync(backend.Name, backend.Capacity, $"{run.Id:N}/{node.Id}", cancellationToken);
        var context = new NodeRunContext(blobs, events, run.Id, node.Id, time, log, WhenLineageRecordedAsync);
        var resilience = ResilienceContextPool.Shared.Get(cancellationToken);
        resilience.Properties.Set(NodeContextKey, context);
        NodeResult result;
        try
        {
            result = await Pipeline.ExecuteAsync(
                async (resilienceContext, state) =>
                {
                    var invocation = new NodeInvocation(run.Id, node.Id, node.Type, node.Parameters, inputs, state(), run.Tenant);
                    events.Publish(Event(run.Id, node.Id, "node-started", $"{node.Type.Key} on {backend.Name} (attempt {invocation.Attempt})"));
                    return await backend.ExecuteAsync(invocation, context, resilienceContext.CancellationToken);
                },
                resilience,
                nextAttempt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }

        var problems = node.Type.Outputs
            .Where(o => !result.Outputs.TryGetValue(o.Name, out var value) || value.Type != o.Type)
            .Select(o => $"'{o.Name}' ({PortTypes.Name(o.Type)})")
            .ToList();
        if (problems.Count > 0)
        {
            throw new BackendException($"{backend.Name} returned no usable {string.Join(", ", problems)} output", transient: false);
        }

        var generation = GenerationId(run.Id, node.Id);
        _unrecorded.GetOrAdd(generation, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var outputs = result.Outputs.ToDictionary(o => o.Key, o => o.Value with { Lineage = generation }, StringComparer.Ordinal);
        var draft = new GenerationDraft(
            generation,
            run.Tenant,
            $"{node.Id} ({node.Type.Key})",
            // What the node read besides its inputs counts as its material too: an archive load
            // reports the asset it returned, and the generation must derive from that asset.
            [.. inputs.Values.Concat(result.Outputs.Values).Where(v => v.Lineage is not null).Select(v => (v.Lineage!.Value, v.Type)).Distinct()],
            result.Provenance.Models ?? [],
            Attributes(run, node, inputs, outputs, result.Provenance),
            result.Provenance.Backend,
            result.Provenance.SeedSupport != SeedSupport.Deterministic);
        return outcome(NodeStatus.Succeeded, null, outputs, generation, draft);
    }

    private async Task<bool> BlobsPresentAsync(IReadOnlyDictionary<string, PortValue> outputs, CancellationToken cancellationToken)
    {
        foreach (var value in outputs.Values)
        {
            if (value.BlobHash is { } hash && !await blobs.ExistsAsync(Archive.Blobs.BlobHash.Parse(hash), cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What the Generation node keeps: node, backend, parameters, input and output hashes, models, seed.</summary>
    private static string Attributes(RunRecord run, PlannedNode node, IReadOnlyDictionary<string, PortValue> inputs, IReadOnlyDictionary<string, PortValue> outputs, NodeProvenance provenance)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("run", run.Id);
            json.WriteString("node", node.Id);
            json.WriteString("nodeType", node.Type.Name);
            json.WriteNumber("nodeVersion", node.Type.Version);
            json.WriteString("backend", provenance.Backend);
            json.WriteStartObject("parameters");
            foreach (var (name, value) in node.Parameters)
            {
                json.WritePropertyName(name);
                CanonicalJson.Write(json, value);
            }

            json.WriteEndObject();
            WriteHashes(json, "inputs", inputs);
            WriteHashes(json, "outputs", outputs);
            json.WriteStartArray("models");
            foreach (var model in provenance.Models ?? [])
            {
                json.WriteStartObject();
                json.WriteString("name", model.Name);
                json.WriteString("sha256", model.Sha256);
                json.WriteString("role", model.Role);
                json.WriteNumber("strength", model.Strength);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            switch (provenance.SeedSupport)
            {
                case SeedSupport.Seeded when provenance.Seed is { } seed:
                    json.WriteNumber("seed", seed);
                    break;
                case SeedSupport.Unsupported:
                    json.WriteString("seed", "unsupported");
                    break;
                default:
                    json.WriteString("seed", "deterministic");
                    break;
            }

            if (provenance.RemoteId is { } remote)
            {
                json.WriteString("remoteId", remote);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteHashes(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, PortValue> values)
    {
        json.WriteStartObject(name);
        foreach (var (port, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            json.WriteString(port, value.ContentHash);
        }

        json.WriteEndObject();
    }
}
