using System.Text.Json;
using Takt.Domain.Workflows;
using Takt.Engine.Backends;

namespace Takt.Benchmarks.Engine;

/// <summary>
/// Nodes that do no work: what is measured is the engine. Each node has its own <c>i</c>, so no
/// two have the same cache key and every node really runs.
/// </summary>
internal sealed class NoopBackend(int capacity) : INodeBackend
{
    private static readonly NodeType Type = new(
        "bench.noop", 1, "bench",
        [new PortSpec("a", PortType.Json, Optional: true), new PortSpec("b", PortType.Json, Optional: true)],
        [new PortSpec("out", PortType.Json)],
        [new ParameterSpec("i", ParameterKind.WholeNumber, JsonSerializer.SerializeToElement(0))]);

    private static readonly JsonElement Empty = JsonSerializer.SerializeToElement(0);
    private static readonly PortValue Out = new(PortType.Json, CanonicalJson.Hash(Empty), Inline: Empty);
    private static readonly Dictionary<string, PortValue> Outputs = new() { ["out"] = Out };
    private static readonly NodeResult Result = new(Outputs, new NodeProvenance("bench 1", SeedSupport.Deterministic));

    public string Name => "bench";

    public string Kind => "bench 1";

    public int Capacity => capacity;

    public IReadOnlySet<string> Capabilities { get; } = new HashSet<string>(StringComparer.Ordinal) { "bench" };

    public IReadOnlyList<NodeType> NodeTypes { get; } = [Type];

    public Task<NodeResult> ExecuteAsync(NodeInvocation invocation, INodeRunContext context, CancellationToken cancellationToken) => Task.FromResult(Result);

    /// <summary>
    /// A random layered DAG: each node reads up to two earlier nodes from a window behind it, so
    /// there is real fan-in, fan-out and parallel work, and the same seed gives the same graph.
    /// </summary>
    public static string Workflow(string name, int nodes, int seed, int offset = 0)
    {
        var random = new Random(seed);
        var parts = new List<string>(nodes);
        for (var i = 0; i < nodes; i++)
        {
            var inputs = new List<string>();
            if (i > 0)
            {
                inputs.Add($"\"a\": \"n{Math.Max(0, i - 1 - random.Next(Math.Min(i, 64)))}.out\"");
                if (i > 1 && random.Next(3) == 0)
                {
                    inputs.Add($"\"b\": \"n{random.Next(i)}.out\"");
                }
            }

            parts.Add($"\"n{i}\": {{\"type\": \"bench.noop\", \"params\": {{\"i\": {i + offset}}}, \"inputs\": {{{string.Join(", ", inputs)}}}}}");
        }

        return $"{{\"name\": \"{name}\", \"nodes\": {{{string.Join(", ", parts)}}}}}";
    }
}
