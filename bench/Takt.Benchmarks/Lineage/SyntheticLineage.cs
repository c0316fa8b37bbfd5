using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;

namespace Takt.Benchmarks.Lineage;

/// <summary>
/// A generated lineage graph in flat arrays, in recording order: node n is store sequence n + 1,
/// and its parents (in declared order, with weights and roles) are a CSR slice. This is what the
/// loaders write to both databases, so the index and the CTEs answer over the same rows.
/// </summary>
public sealed class SyntheticLineage
{
    private Guid[] _ids = new Guid[1024];
    private LineageNodeKind[] _kinds = new LineageNodeKind[1024];
    private byte[] _pools = new byte[1024];
    private int[] _parentStart = new int[1025];
    private int[] _parents = new int[4096];
    private double[] _weights = new double[4096];
    private EdgeRole[] _roles = new EdgeRole[4096];
    private readonly Dictionary<Guid, int> _numbers = [];

    public SyntheticLineage(IReadOnlyList<TenantId> tenants) => Tenants = tenants;

    /// <summary>Tenant i + 1 in <see cref="PoolOf"/> is Tenants[i]; pool 0 is the shared common pool.</summary>
    public IReadOnlyList<TenantId> Tenants { get; }

    public int NodeCount { get; private set; }

    public int EdgeCount { get; private set; }

    /// <summary>The asset that sits in many dataset versions: the impact question starts here.</summary>
    public int PopularAsset { get; internal set; } = -1;

    public Guid IdOf(int node) => _ids[node];

    public LineageNodeKind KindOf(int node) => _kinds[node];

    public int PoolOf(int node) => _pools[node];

    public TenantId? TenantOf(int node) => _pools[node] == 0 ? null : Tenants[_pools[node] - 1];

    public int NumberOf(LineageNodeId id) => _numbers[id.Value];

    public ReadOnlySpan<int> ParentsOf(int node) => _parents.AsSpan(_parentStart[node], _parentStart[node + 1] - _parentStart[node]);

    public ReadOnlySpan<double> WeightsOf(int node) => _weights.AsSpan(_parentStart[node], _parentStart[node + 1] - _parentStart[node]);

    public ReadOnlySpan<EdgeRole> RolesOf(int node) => _roles.AsSpan(_parentStart[node], _parentStart[node + 1] - _parentStart[node]);

    public static long SeqOf(int node) => node + 1L;

    public static string Label(LineageNodeKind kind, int node) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{LineageNodeKinds.Name(kind)} {node + 1}");

    /// <summary>Appends a node whose parents are already recorded, with the links a weight rule produced.</summary>
    public int Add(Guid id, LineageNodeKind kind, int pool, IReadOnlyList<ParentLink> parents)
    {
        var node = NodeCount;
        if (node + 1 >= _ids.Length)
        {
            var size = _ids.Length * 2;
            Array.Resize(ref _ids, size);
            Array.Resize(ref _kinds, size);
            Array.Resize(ref _pools, size);
            Array.Resize(ref _parentStart, size + 1);
        }

        if (EdgeCount + parents.Count > _parents.Length)
        {
            var size = Math.Max(_parents.Length * 2, EdgeCount + parents.Count);
            Array.Resize(ref _parents, size);
            Array.Resize(ref _weights, size);
            Array.Resize(ref _roles, size);
        }

        foreach (var link in parents)
        {
            _parents[EdgeCount] = _numbers[link.Parent.Value];
            _weights[EdgeCount] = link.Weight;
            _roles[EdgeCount] = link.Role;
            EdgeCount++;
        }

        _ids[node] = id;
        _kinds[node] = kind;
        _pools[node] = (byte)pool;
        _numbers.Add(id, node);
        NodeCount++;
        _parentStart[NodeCount] = EdgeCount;
        return node;
    }

    /// <summary>
    /// Checks every node against the real graph rules (weights sum to 1, roles join the right
    /// kinds, parents recorded first, tenants kept apart), in batches as a store would receive them.
    /// </summary>
    public IReadOnlyList<LineageProblem> CheckRules(int batchSize = 50_000)
    {
        var problems = new List<LineageProblem>();
        for (var from = 0; from < NodeCount && problems.Count == 0; from += batchSize)
        {
            var to = Math.Min(NodeCount, from + batchSize);
            var batch = new List<LineageNodeDraft>(to - from);
            for (var n = from; n < to; n++)
            {
                var links = new List<ParentLink>(_parentStart[n + 1] - _parentStart[n]);
                for (var e = _parentStart[n]; e < _parentStart[n + 1]; e++)
                {
                    links.Add(new ParentLink(new LineageNodeId(_ids[_parents[e]]), _weights[e], _roles[e]));
                }

                batch.Add(new LineageNodeDraft(new LineageNodeId(_ids[n]), _kinds[n], TenantOf(n), Label(_kinds[n], n), links));
            }

            var before = from;
            RecordedNode? Recorded(LineageNodeId id) =>
                _numbers.TryGetValue(id.Value, out var n) && n < before ? new RecordedNode(_kinds[n], TenantOf(n)) : null;
            problems.AddRange(LineageRules.Check(batch, Recorded, _ => false).Problems);
        }

        return problems;
    }
}
