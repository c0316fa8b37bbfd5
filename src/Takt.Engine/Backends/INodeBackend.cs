using Takt.Domain.Workflows;

namespace Takt.Engine.Backends;

/// <summary>
/// Something that runs workflow nodes: the built-in nodes, a ComfyUI server, a hosted video API.
/// The executor places a node on a backend that offers the node type's capability and has a
/// free slot (at most <see cref="Capacity"/> nodes at once per backend).
/// </summary>
public interface INodeBackend
{
    /// <summary>The registry name, e.g. <c>builtin</c> or <c>comfy-gpu1</c>.</summary>
    string Name { get; }

    /// <summary>What the backend calls itself in lineage, e.g. <c>comfyui 0.3.64</c>.</summary>
    string Kind { get; }

    int Capacity { get; }

    IReadOnlySet<string> Capabilities { get; }

    /// <summary>The node types this backend declares (it may run others of its capabilities too).</summary>
    IReadOnlyList<NodeType> NodeTypes { get; }

    /// <summary>
    /// Whether the work runs inside this process (the built-in nodes): its capacity is then this
    /// process's, counted locally even in a cluster, where only shared remote backends (a GPU
    /// server, a hosted API account) take cluster-wide leases.
    /// </summary>
    bool RunsInProcess => false;

    /// <summary>
    /// Runs one node. Throw <see cref="BackendException"/> for failures: transient ones are retried
    /// with backoff, permanent ones fail the node with the backend's own message. Cancellation
    /// must reach the remote side (ComfyUI interrupt, a hosted task's cancel) before returning.
    /// </summary>
    Task<NodeResult> ExecuteAsync(NodeInvocation invocation, INodeRunContext context, CancellationToken cancellationToken);
}
