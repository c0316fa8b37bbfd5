namespace Takt.Provenance.Lineage;

/// <summary>
/// Children of each node: a CSR built from the parent arrays at load, plus edges added since as
/// singly linked entries in two int arrays. Rebuilt into one CSR when the overflow grows past a
/// quarter of the base, so appends stay O(1) and walks stay over contiguous memory.
/// </summary>
internal sealed class ChildLists
{
    private readonly int[] _start;
    private readonly int[] _children;
    private readonly Dictionary<int, int> _overflowHead = [];
    private int[] _overflowChild = [];
    private int[] _overflowNext = [];

    private ChildLists(int[] start, int[] children)
    {
        _start = start;
        _children = children;
    }

    /// <summary>A new, empty list set: never shared, since appends write into it.</summary>
    public static ChildLists CreateEmpty() => new([0], []);

    public int OverflowCount { get; private set; }

    public long MemoryBytes => ((long)_start.Length + _children.Length + _overflowChild.Length + _overflowNext.Length) * 4 + (_overflowHead.Count * 12L);

    public bool NeedsRebuild => OverflowCount > Math.Max(65_536, _children.Length / 4);

    /// <summary>Counting sort of the parent arrays by parent: two passes over the edges.</summary>
    public static ChildLists Build(int nodeCount, int[] parentStart, int[] parents)
    {
        var start = new int[nodeCount + 1];
        var edgeCount = parentStart[nodeCount];
        for (var e = 0; e < edgeCount; e++)
        {
            start[parents[e] + 1]++;
        }

        for (var n = 0; n < nodeCount; n++)
        {
            start[n + 1] += start[n];
        }

        var children = new int[edgeCount];
        var fill = start.AsSpan(0, nodeCount).ToArray();
        for (var child = 0; child < nodeCount; child++)
        {
            for (var e = parentStart[child]; e < parentStart[child + 1]; e++)
            {
                children[fill[parents[e]]++] = child;
            }
        }

        return new ChildLists(start, children);
    }

    public void Add(int parent, int child)
    {
        if (OverflowCount == _overflowChild.Length)
        {
            var size = Math.Max(1024, OverflowCount * 2);
            Array.Resize(ref _overflowChild, size);
            Array.Resize(ref _overflowNext, size);
        }

        _overflowChild[OverflowCount] = child;
        _overflowNext[OverflowCount] = _overflowHead.TryGetValue(parent, out var head) ? head : -1;
        _overflowHead[parent] = OverflowCount;
        OverflowCount++;
    }

    public Enumerable Of(int node) => new(this, node);

    public readonly ref struct Enumerable(ChildLists lists, int node)
    {
        public Enumerator GetEnumerator() => new(lists, node);
    }

    public ref struct Enumerator
    {
        private readonly ChildLists _lists;
        private int _position;
        private readonly int _end;
        private int _overflow;

        internal Enumerator(ChildLists lists, int node)
        {
            _lists = lists;
            var inBase = node < lists._start.Length - 1;
            _position = inBase ? lists._start[node] - 1 : 0;
            _end = inBase ? lists._start[node + 1] : 0;
            _overflow = lists._overflowHead.TryGetValue(node, out var head) ? head : -1;
            Current = -1;
        }

        public int Current { get; private set; }

        public bool MoveNext()
        {
            if (_position + 1 < _end)
            {
                Current = _lists._children[++_position];
                return true;
            }

            _position = _end;
            if (_overflow >= 0)
            {
                Current = _lists._overflowChild[_overflow];
                _overflow = _lists._overflowNext[_overflow];
                return true;
            }

            return false;
        }
    }
}
