namespace Takt.Domain.Workflows;

/// <summary>The node types a workflow may use, every version of each.</summary>
public sealed class NodeCatalog
{
    private readonly Dictionary<string, SortedList<int, NodeType>> _types = new(StringComparer.Ordinal);

    public NodeCatalog(IEnumerable<NodeType> types)
    {
        foreach (var type in types)
        {
            if (!_types.TryGetValue(type.Name, out var versions))
            {
                _types[type.Name] = versions = [];
            }

            // The first backend to declare a version wins; backends of one kind declare the same types.
            versions.TryAdd(type.Version, type);
        }
    }

    public IEnumerable<NodeType> All => _types.Values.SelectMany(v => v.Values);

    public bool Knows(string name) => _types.ContainsKey(name);

    /// <summary>The given version, or the newest when <paramref name="version"/> is null.</summary>
    public NodeType? Find(string name, int? version) =>
        _types.TryGetValue(name, out var versions)
            ? version is { } v ? versions.GetValueOrDefault(v) : versions.Values[^1]
            : null;

    public IReadOnlyList<int> Versions(string name) => _types.TryGetValue(name, out var versions) ? [.. versions.Keys] : [];
}
