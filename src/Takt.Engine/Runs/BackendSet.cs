using Takt.Domain.Workflows;
using Takt.Engine.Backends;

namespace Takt.Engine.Runs;

/// <summary>
/// The backends a process can use and the node catalogue they make up. A node goes to a backend
/// that declares its type, else to one that offers its capability; among those, to the one with
/// the fewest nodes placed on it from this process (capacity itself is held by <see cref="IBackendSlots"/>).
/// </summary>
public sealed class BackendSet
{
    private readonly IReadOnlyList<INodeBackend> _backends;
    private readonly Dictionary<string, int> _placed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, INodeBackend[]> _candidates = new(StringComparer.Ordinal);

    public BackendSet(IEnumerable<INodeBackend> backends)
    {
        _backends = [.. backends];
        Catalog = new NodeCatalog(_backends.SelectMany(b => b.NodeTypes));
    }

    public NodeCatalog Catalog { get; }

    public IReadOnlyList<INodeBackend> Backends => _backends;

    /// <summary>Chooses a backend for the node type and counts the placement; null when none can run it.</summary>
    public INodeBackend? Place(NodeType type)
    {
        var candidates = _candidates.GetOrAdd(type.Key, _ =>
        {
            var declaring = _backends.Where(b => b.NodeTypes.Any(t => t.Name == type.Name && t.Version == type.Version)).ToArray();
            return declaring.Length > 0 ? declaring : [.. _backends.Where(b => b.Capabilities.Contains(type.Capability))];
        });
        if (candidates.Length == 0)
        {
            return null;
        }

        if (candidates.Length == 1)
        {
            lock (_gate)
            {
                _placed[candidates[0].Name] = _placed.GetValueOrDefault(candidates[0].Name) + 1;
            }

            return candidates[0];
        }

        lock (_gate)
        {
            var chosen = candidates.MinBy(b => (double)_placed.GetValueOrDefault(b.Name) / Math.Max(1, b.Capacity))!;
            _placed[chosen.Name] = _placed.GetValueOrDefault(chosen.Name) + 1;
            return chosen;
        }
    }

    public void Release(INodeBackend backend)
    {
        lock (_gate)
        {
            _placed[backend.Name] = Math.Max(0, _placed.GetValueOrDefault(backend.Name) - 1);
        }
    }
}
