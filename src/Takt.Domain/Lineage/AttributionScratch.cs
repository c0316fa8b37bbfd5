namespace Takt.Domain.Lineage;

/// <summary>
/// Working arrays for one attribution at a time, sized to the graph and reused between queries
/// so a query allocates nothing in proportion to the graph. Marks use a generation stamp, so
/// clearing is O(1). Not thread-safe: one per thread.
/// </summary>
public sealed class AttributionScratch
{
    private int[] _stamp = [];
    private double[] _mass = [];
    private int[] _sourceStamp = [];
    private double[] _source = [];
    private int _generation;

    internal int[] Order = new int[256];
    internal int[] Stack = new int[256];
    internal int[] Cursor = new int[256];

    internal void Begin(int nodeCount)
    {
        if (_stamp.Length < nodeCount)
        {
            var size = Math.Max(nodeCount, _stamp.Length * 2);
            _stamp = new int[size];
            _mass = new double[size];
            _sourceStamp = new int[size];
            _source = new double[size];
            _generation = 0;
        }

        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            Array.Clear(_sourceStamp);
            _generation = 1;
        }
    }

    /// <summary>Marks a node seen; false when it already was in this query.</summary>
    internal bool Visit(int node)
    {
        if (_stamp[node] == _generation)
        {
            return false;
        }

        _stamp[node] = _generation;
        _mass[node] = 0;
        return true;
    }

    internal ref double Mass(int node) => ref _mass[node];

    /// <summary>Adds to a source's share; true the first time the source is touched in this query.</summary>
    internal bool Accumulate(int source, double share)
    {
        if (_sourceStamp[source] != _generation)
        {
            _sourceStamp[source] = _generation;
            _source[source] = share;
            return true;
        }

        _source[source] += share;
        return false;
    }

    internal double Accumulated(int source) => _source[source];

    internal static void Ensure(ref int[] array, int length)
    {
        if (array.Length < length)
        {
            Array.Resize(ref array, Math.Max(length, array.Length * 2));
        }
    }
}
