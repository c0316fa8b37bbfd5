using System.Collections.Concurrent;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;

namespace Takt.Provenance.Lineage;

/// <summary>
/// The lineage graph in memory as flat arrays with int node numbers, beside the relational
/// tables, so attribution and impact never walk SQL. Parents are stored CSR-style and only ever
/// appended (a node's parents are fixed when it is recorded); children are a CSR built at load
/// plus an overflow list for edges added since, folded in when it grows. No per-edge objects:
/// 16 bytes per edge (parent number, weight, child number) plus about 35 bytes per node.
/// One writer at a time, many readers, under a reader-writer lock.
/// </summary>
public sealed partial class LineageIndex : ILineageGraph, IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly ConcurrentBag<AttributionScratch> _scratch = [];
    private readonly ConcurrentDictionary<int, AttributionShare[]> _modelShares = [];
    private long _modelShareBytes;
    private readonly List<TenantId?> _tenantTable = [null];
    private readonly Dictionary<TenantId, ushort> _tenantNumbers = [];

    private int _nodeCount;
    private Guid[] _ids;
    private byte[] _kinds;
    private ushort[] _tenants;
    private GuidSlots _slots;

    private int[] _parentStart;
    private int[] _parents;
    private double[] _weights;
    private int _edgeCount;

    private ChildLists _children;

    private LineageIndex(int nodeCapacity, int edgeCapacity)
    {
        _ids = new Guid[nodeCapacity];
        _kinds = new byte[nodeCapacity];
        _tenants = new ushort[nodeCapacity];
        _parentStart = new int[nodeCapacity + 1];
        _parents = new int[edgeCapacity];
        _weights = new double[edgeCapacity];
        _slots = new GuidSlots(nodeCapacity);
        _children = ChildLists.CreateEmpty();
    }

    public static LineageIndex Empty() => new(0, 0);

    /// <summary>The highest store sequence number loaded; the next catch-up reads after it.</summary>
    public long LastSeq { get; private set; }

    public int NodeCount => _nodeCount;

    public int EdgeCount => _edgeCount;

    /// <summary>Bytes held by the index's arrays (capacity, not just what is used).</summary>
    public long MemoryBytes
    {
        get
        {
            using var _ = ReadLock();
            return ((long)_ids.Length * 16) + _kinds.Length + ((long)_tenants.Length * 2) + ((long)_parentStart.Length * 4)
                + ((long)_parents.Length * 4) + ((long)_weights.Length * 8) + _slots.MemoryBytes + _children.MemoryBytes;
        }
    }

    public LineageNodeKind KindOf(int node) => (LineageNodeKind)_kinds[node];

    public ReadOnlySpan<int> ParentsOf(int node) => _parents.AsSpan(_parentStart[node], _parentStart[node + 1] - _parentStart[node]);

    public ReadOnlySpan<double> WeightsOf(int node) => _weights.AsSpan(_parentStart[node], _parentStart[node + 1] - _parentStart[node]);

    public LineageNodeId IdOf(int node) => new(_ids[node]);

    /// <summary>The owning tenant, or null for the shared pool.</summary>
    public TenantId? TenantOf(int node) => _tenantTable[_tenants[node]];

    public bool TryFind(LineageNodeId id, out int node)
    {
        using var _ = ReadLock();
        node = _slots.Find(id.Value, _ids);
        return node >= 0;
    }

    /// <summary>What the rules need to know about a recorded node, or null.</summary>
    public RecordedNode? Recorded(LineageNodeId id) =>
        TryFind(id, out var node) ? new RecordedNode(KindOf(node), TenantOf(node)) : null;

    /// <summary>Contributor shares (or shares of whatever <paramref name="isSource"/> stops at), heaviest first.</summary>
    public IReadOnlyList<AttributionShare> Attribute(int node, Func<int, bool>? isSource = null)
    {
        using var _ = ReadLock();
        return isSource is null ? Unscoped(node) : Compute(node, isSource, known: null);
    }

    /// <summary>Bytes held by remembered model attributions (a cache beside the index, not part of it).</summary>
    public long CachedAttributionBytes => Interlocked.Read(ref _modelShareBytes);

    // A model is the hub thousands of generations derive from, and its ancestry, so its
    // attribution, never changes once recorded (ADR 0003): the unscoped walk stops at a model
    // whose attribution is known and spreads its mass over it. Models met without one are
    // computed after the walk, one at a time, so walks never nest and a query holds one scratch.
    // Scoped walks stop at other places and are not remembered.
    private AttributionShare[] Unscoped(int node)
    {
        if (KindOf(node) == LineageNodeKind.Model && _modelShares.TryGetValue(node, out var remembered))
        {
            return remembered;
        }

        var missed = new HashSet<int>();
        var result = Compute(node, null, n => KnownModel(n, missed)).ToArray();
        if (KindOf(node) == LineageNodeKind.Model)
        {
            Remember(node, result);
        }

        foreach (var model in missed.Where(m => m != node && !_modelShares.ContainsKey(m)))
        {
            Remember(model, [.. Compute(model, null, n => KnownModel(n, null))]);
        }

        return result;
    }

    private AttributionShare[]? KnownModel(int node, HashSet<int>? missed)
    {
        if (KindOf(node) != LineageNodeKind.Model)
        {
            return null;
        }

        if (_modelShares.TryGetValue(node, out var known))
        {
            return known;
        }

        missed?.Add(node);
        return null;
    }

    private void Remember(int model, AttributionShare[] shares)
    {
        if (_modelShares.TryAdd(model, shares))
        {
            Interlocked.Add(ref _modelShareBytes, (shares.Length * 16L) + 64);
        }
    }

    private IReadOnlyList<AttributionShare> Compute(int node, Func<int, bool>? isSource, Func<int, IReadOnlyList<AttributionShare>?>? known)
    {
        // Each walk takes its own scratch: a model met on the way is computed, once, with another.
        var scratch = _scratch.TryTake(out var s) ? s : new AttributionScratch();
        try
        {
            return Attribution.Compute(this, node, scratch, isSource, known);
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    public IReadOnlyList<AttributionPath> HeaviestPaths(int node, int limit, Func<int, bool>? isSource = null)
    {
        using var _ = ReadLock();
        return Attribution.HeaviestPaths(this, node, limit, isSource);
    }

    /// <summary>Every node downstream of the starts (not the starts themselves), in breadth-first order.</summary>
    public IReadOnlyList<int> Downstream(IReadOnlyCollection<int> starts)
    {
        using var _ = ReadLock();
        var seen = new BitSet(_nodeCount);
        // The list is its own breadth-first queue (starts first, then each node's new children),
        // so a walk over a few hundred thousand nodes moves each number once.
        var found = new List<int>(starts.Count);
        foreach (var start in starts)
        {
            if (seen.Add(start))
            {
                found.Add(start);
            }
        }

        var startCount = found.Count;
        for (var next = 0; next < found.Count; next++)
        {
            foreach (var child in _children.Of(found[next]))
            {
                if (seen.Add(child))
                {
                    found.Add(child);
                }
            }
        }

        found.RemoveRange(0, startCount);
        return found;
    }

    /// <summary>Whether <paramref name="ancestor"/> is reachable upstream of <paramref name="node"/> (a node reaches itself).</summary>
    public bool Reaches(int node, int ancestor)
    {
        using var _ = ReadLock();
        var seen = new BitSet(_nodeCount);
        var stack = new Stack<int>();
        stack.Push(node);
        seen.Add(node);
        while (stack.TryPop(out var current))
        {
            if (current == ancestor)
            {
                return true;
            }

            foreach (var parent in ParentsOf(current))
            {
                if (seen.Add(parent))
                {
                    stack.Push(parent);
                }
            }
        }

        return false;
    }

    /// <summary>Children of one node, for display; allocation is fine here.</summary>
    public IReadOnlyList<int> ChildrenOf(int node)
    {
        using var _ = ReadLock();
        return [.. _children.Of(node)];
    }

    public void Dispose() => _lock.Dispose();

    private ReadLockScope ReadLock()
    {
        _lock.EnterReadLock();
        return new ReadLockScope(_lock);
    }

    private readonly struct ReadLockScope(ReaderWriterLockSlim held) : IDisposable
    {
        public void Dispose() => held.ExitReadLock();
    }

    private ushort TenantNumber(TenantId? tenant)
    {
        if (tenant is not { } t)
        {
            return 0;
        }

        if (!_tenantNumbers.TryGetValue(t, out var number))
        {
            if (_tenantTable.Count == ushort.MaxValue)
            {
                throw new InvalidOperationException("the lineage index holds at most 65,534 tenants");
            }

            number = (ushort)_tenantTable.Count;
            _tenantTable.Add(t);
            _tenantNumbers[t] = number;
        }

        return number;
    }
}
