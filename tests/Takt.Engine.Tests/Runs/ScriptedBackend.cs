using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;

namespace Takt.Engine.Tests.Runs;

/// <summary>
/// A backend whose nodes do small real work (sums, stored text blobs) and misbehave on request:
/// fail permanently, fail transiently a given number of times, or block until released. It
/// counts executions and the most nodes it ever had running at once.
/// </summary>
internal sealed class ScriptedBackend(string name = "scripted", int capacity = 4) : INodeBackend
{
    private static readonly JsonElement Zero = JsonSerializer.SerializeToElement(0);
    private readonly ConcurrentDictionary<string, int> _executions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _transientLeft = new(StringComparer.Ordinal);
    private int _running;
    private int _maxRunning;

    public string Name => name;

    public string Kind => "scripted 1";

    public int Capacity => capacity;

    public IReadOnlySet<string> Capabilities { get; } = new HashSet<string>(StringComparer.Ordinal) { "scripted" };

    public IReadOnlyList<NodeType> NodeTypes { get; } =
    [
        new("test.number", 1, "scripted", [], [new PortSpec("value", PortType.Number)], [new ParameterSpec("value", ParameterKind.Number, Zero)]),
        new("test.add", 1, "scripted", [new PortSpec("a", PortType.Number), new PortSpec("b", PortType.Number, Optional: true)], [new PortSpec("sum", PortType.Number)], [new ParameterSpec("plus", ParameterKind.Number, Zero)]),
        new("test.text", 1, "scripted", [new PortSpec("value", PortType.Number)], [new PortSpec("file", PortType.Image)], [new ParameterSpec("prefix", ParameterKind.Text, JsonSerializer.SerializeToElement("n="))]),
        new("test.fail", 1, "scripted", [new PortSpec("value", PortType.Number, Optional: true)], [new PortSpec("value", PortType.Number)], [new ParameterSpec("message", ParameterKind.Text, JsonSerializer.SerializeToElement("boom"))]),
        new("test.flaky", 1, "scripted", [new PortSpec("value", PortType.Number)], [new PortSpec("value", PortType.Number)], [new ParameterSpec("failures", ParameterKind.WholeNumber, Zero, Min: 0, Max: 100)]),
        new("test.fresh", 1, "scripted", [], [new PortSpec("value", PortType.Number)], [new ParameterSpec("value", ParameterKind.Number, Zero)], Cacheable: false),
        new("test.block", 1, "scripted", [new PortSpec("value", PortType.Number, Optional: true)], [new PortSpec("value", PortType.Number)], [new ParameterSpec("gate", ParameterKind.Text, JsonSerializer.SerializeToElement("g"))]),
    ];

    /// <summary>Gates that test.block nodes wait on; completing one releases its nodes.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new(StringComparer.Ordinal);

    /// <summary>Signalled each time a test.block node starts waiting.</summary>
    public SemaphoreSlim Blocked { get; } = new(0);

    public int MaxRunning => _maxRunning;

    public int Executions(string nodeId) => _executions.GetValueOrDefault(nodeId);

    public int TotalExecutions => _executions.Values.Sum();

    public void FailTransiently(string nodeId, int times) => _transientLeft[nodeId] = times;

    public TaskCompletionSource Gate(string gate) => Gates.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public async Task<NodeResult> ExecuteAsync(NodeInvocation invocation, INodeRunContext context, CancellationToken cancellationToken)
    {
        _executions.AddOrUpdate(invocation.NodeId, 1, (_, n) => n + 1);
        var now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = _maxRunning) && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }

        try
        {
            await Task.Yield();
            context.Progress(1, 2);
            var outputs = await RunAsync(invocation, context, cancellationToken);
            context.Progress(2, 2);
            return new NodeResult(outputs, new NodeProvenance(Kind, SeedSupport.Deterministic));
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private async Task<IReadOnlyDictionary<string, PortValue>> RunAsync(NodeInvocation invocation, INodeRunContext context, CancellationToken cancellationToken)
    {
        double In(string port) => invocation.Inputs.TryGetValue(port, out var v) ? v.Inline!.Value.GetDouble() : 0;
        double Param(string p) => invocation.Parameters[p].GetDouble();
        switch (invocation.Type.Name)
        {
            case "test.number" or "test.fresh":
                return Number("value", Param("value"));
            case "test.add":
                return Number("sum", In("a") + In("b") + Param("plus"));
            case "test.text":
                var text = invocation.Parameters["prefix"].GetString() + In("value").ToString(System.Globalization.CultureInfo.InvariantCulture);
                using (var content = new MemoryStream(Encoding.UTF8.GetBytes(text)))
                {
                    return new Dictionary<string, PortValue> { ["file"] = await context.StoreAsync(PortType.Image, "text/plain", content, cancellationToken) };
                }

            case "test.fail":
                throw new BackendException($"scripted: {invocation.Parameters["message"].GetString()}", transient: false);
            case "test.flaky":
                if (_transientLeft.TryGetValue(invocation.NodeId, out var left) && left > 0)
                {
                    _transientLeft[invocation.NodeId] = left - 1;
                    throw new BackendException("scripted: connection refused", transient: true, retryAfter: TimeSpan.FromMilliseconds(1));
                }

                return Number("value", In("value"));
            case "test.block":
                context.Log("waiting at the gate");
                Blocked.Release();
                await Gate(invocation.Parameters["gate"].GetString()!).Task.WaitAsync(cancellationToken);
                return Number("value", In("value"));
            default:
                throw new BackendException($"scripted: unknown node type {invocation.Type.Name}", transient: false);
        }
    }

    private static Dictionary<string, PortValue> Number(string port, double value)
    {
        var inline = JsonSerializer.SerializeToElement(value);
        return new Dictionary<string, PortValue> { [port] = new PortValue(PortType.Number, CanonicalJson.Hash(inline), Inline: inline) };
    }
}
