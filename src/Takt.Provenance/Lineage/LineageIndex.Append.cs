using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;

namespace Takt.Provenance.Lineage;

public sealed partial class LineageIndex
{
    /// <summary>
    /// Adds recorded nodes, parents first, in store order. Parents must already be indexed or
    /// come earlier in the list; a node already present is skipped, so replaying a tail is safe.
    /// </summary>
    public void Append(IReadOnlyList<IndexedNode> nodes)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var node in nodes)
            {
                if (_slots.Find(node.Id.Value, _ids) >= 0)
                {
                    continue;
                }

                EnsureCapacity(_nodeCount + 1, _edgeCount + node.Parents.Count);
                var number = _nodeCount;
                foreach (var (parentId, weight) in node.Parents)
                {
                    var parent = _slots.Find(parentId.Value, _ids);
                    if (parent < 0)
                    {
                        throw new InvalidOperationException($"lineage node {node.Id} names parent {parentId}, which is not indexed");
                    }

                    _parents[_edgeCount] = parent;
                    _weights[_edgeCount] = weight;
                    _edgeCount++;
                    _children.Add(parent, number);
                }

                _ids[number] = node.Id.Value;
                _kinds[number] = (byte)node.Kind;
                _tenants[number] = TenantNumber(node.Tenant);
                _parentStart[number + 1] = _edgeCount;
                _slots.Add(number, _ids);
                _nodeCount++;
                LastSeq = Math.Max(LastSeq, node.Seq);
            }

            if (_children.NeedsRebuild)
            {
                _children = ChildLists.Build(_nodeCount, _parentStart, _parents);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    // Grows by an eighth (at least 4,096) rather than doubling, so a loaded index stays near its
    // exact size when a few nodes arrive afterwards.
    private void EnsureCapacity(int nodes, int edges)
    {
        if (nodes > _ids.Length)
        {
            var size = Math.Max(nodes, _ids.Length + Math.Max(4096, _ids.Length / 8));
            Array.Resize(ref _ids, size);
            Array.Resize(ref _kinds, size);
            Array.Resize(ref _tenants, size);
            Array.Resize(ref _parentStart, size + 1);
        }

        if (edges > _parents.Length)
        {
            var size = Math.Max(edges, _parents.Length + Math.Max(16_384, _parents.Length / 8));
            Array.Resize(ref _parents, size);
            Array.Resize(ref _weights, size);
        }
    }

    /// <summary>
    /// Builds an index from a full read of the store: nodes in sequence order, then edges in any
    /// order (a database need not sort ten million rows for us). Edges are counting-sorted by
    /// child, and each child's parents put back in their recorded order, so the arithmetic, and
    /// with it every attribution, is the same whatever order the rows arrived in.
    /// </summary>
    public sealed class Builder
    {
        private readonly List<(long Seq, Guid Id, LineageNodeKind Kind, TenantId? Tenant)> _nodes;
        private readonly Dictionary<long, int> _sparseSeq = [];
        private int[] _denseSeq = [];
        private int[] _edgeChild;
        private int[] _edgeParent;
        private int[] _edgeOrdinal;
        private double[] _edgeWeight;
        private int _edges;

        public Builder(int expectedNodes = 0, int expectedEdges = 0)
        {
            _nodes = new(expectedNodes);
            _edgeChild = new int[expectedEdges];
            _edgeParent = new int[expectedEdges];
            _edgeOrdinal = new int[expectedEdges];
            _edgeWeight = new double[expectedEdges];
        }

        public void AddNode(long seq, Guid id, LineageNodeKind kind, TenantId? tenant)
        {
            if (_edges > 0)
            {
                throw new InvalidOperationException("add every node before the first edge");
            }

            if (_nodes.Count > 0 && seq <= _nodes[^1].Seq)
            {
                throw new InvalidOperationException($"lineage nodes must arrive in sequence order ({seq} after {_nodes[^1].Seq})");
            }

            _nodes.Add((seq, id, kind, tenant));
        }

        public void AddEdge(long childSeq, int ordinal, long parentSeq, double weight)
        {
            if (_edges == _edgeChild.Length)
            {
                var size = Math.Max(1024, _edges * 2);
                Array.Resize(ref _edgeChild, size);
                Array.Resize(ref _edgeParent, size);
                Array.Resize(ref _edgeOrdinal, size);
                Array.Resize(ref _edgeWeight, size);
            }

            _edgeChild[_edges] = NodeOf(childSeq);
            _edgeParent[_edges] = NodeOf(parentSeq);
            _edgeOrdinal[_edges] = ordinal;
            _edgeWeight[_edges] = weight;
            _edges++;
        }

        public LineageIndex Build()
        {
            var index = new LineageIndex(_nodes.Count, _edges);
            for (var n = 0; n < _nodes.Count; n++)
            {
                var (seq, id, kind, tenant) = _nodes[n];
                index._ids[n] = id;
                index._kinds[n] = (byte)kind;
                index._tenants[n] = index.TenantNumber(tenant);
                index._slots.Add(n, index._ids);
                index.LastSeq = seq;
            }

            index._nodeCount = _nodes.Count;
            var start = index._parentStart;
            for (var e = 0; e < _edges; e++)
            {
                start[_edgeChild[e] + 1]++;
            }

            for (var n = 0; n < _nodes.Count; n++)
            {
                start[n + 1] += start[n];
            }

            var fill = start.AsSpan(0, _nodes.Count).ToArray();
            var ordinals = new int[_edges];
            for (var e = 0; e < _edges; e++)
            {
                var at = fill[_edgeChild[e]]++;
                index._parents[at] = _edgeParent[e];
                index._weights[at] = _edgeWeight[e];
                ordinals[at] = _edgeOrdinal[e];
            }

            for (var n = 0; n < _nodes.Count; n++)
            {
                SortByOrdinal(index._parents, index._weights, ordinals, start[n], start[n + 1]);
            }

            index._edgeCount = _edges;
            index._children = ChildLists.Build(index._nodeCount, start, index._parents);
            return index;
        }

        private int NodeOf(long seq)
        {
            if (_denseSeq.Length == 0 && _sparseSeq.Count == 0)
            {
                MapSequences();
            }

            var node = seq >= 0 && seq < _denseSeq.Length ? _denseSeq[seq] - 1 : _sparseSeq.GetValueOrDefault(seq) - 1;
            return node >= 0 ? node : throw new InvalidOperationException($"a lineage edge names node sequence {seq}, which was not loaded");
        }

        // Sequences are nearly dense (gaps only where a write was retried), so an array lookup
        // usually replaces a hash lookup for the twenty million ends of ten million edges.
        private void MapSequences()
        {
            var max = _nodes.Count == 0 ? 0 : _nodes[^1].Seq;
            if (max < 4L * _nodes.Count + 1024 && max < int.MaxValue)
            {
                _denseSeq = new int[max + 1];
                for (var n = 0; n < _nodes.Count; n++)
                {
                    _denseSeq[_nodes[n].Seq] = n + 1;
                }
            }
            else
            {
                for (var n = 0; n < _nodes.Count; n++)
                {
                    _sparseSeq[_nodes[n].Seq] = n + 1;
                }
            }
        }

        private static void SortByOrdinal(int[] parents, double[] weights, int[] ordinals, int from, int to)
        {
            for (var i = from + 1; i < to; i++)
            {
                var (p, w, o) = (parents[i], weights[i], ordinals[i]);
                var j = i - 1;
                while (j >= from && ordinals[j] > o)
                {
                    (parents[j + 1], weights[j + 1], ordinals[j + 1]) = (parents[j], weights[j], ordinals[j]);
                    j--;
                }

                (parents[j + 1], weights[j + 1], ordinals[j + 1]) = (p, w, o);
            }
        }
    }
}
