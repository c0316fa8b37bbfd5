namespace Takt.Provenance.Lineage;

/// <summary>
/// Guid → node number as open addressing over one int array (node + 1, 0 for empty), probing
/// linearly; the Guids themselves stay in the index's id array. About 6–12 bytes per node where
/// a Dictionary would cost over 30.
/// </summary>
internal struct GuidSlots
{
    private int[] _slots;
    private int _count;

    public GuidSlots(int expected)
    {
        _slots = new int[CapacityFor(expected)];
        _count = 0;
    }

    public readonly long MemoryBytes => (long)_slots.Length * 4;

    public readonly int Find(Guid id, Guid[] ids)
    {
        if (_count == 0)
        {
            return -1;
        }

        var mask = _slots.Length - 1;
        for (var slot = Hash(id) & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (ids[entry - 1] == id)
            {
                return entry - 1;
            }
        }
    }

    /// <summary>Adds a node whose id is already in <paramref name="ids"/>; the caller has checked it is new.</summary>
    public void Add(int node, Guid[] ids)
    {
        if ((_count + 1) * 10L > _slots.Length * 7L)
        {
            Grow(ids, _count + 1);
        }

        Place(_slots, node, ids[node]);
        _count++;
    }

    private void Grow(Guid[] ids, int needed)
    {
        var slots = new int[CapacityFor(Math.Max(needed, _count * 2))];
        for (var node = 0; node < _count; node++)
        {
            Place(slots, node, ids[node]);
        }

        _slots = slots;
    }

    private static void Place(int[] slots, int node, Guid id)
    {
        var mask = slots.Length - 1;
        var slot = Hash(id) & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = node + 1;
    }

    // Version-7 Guids start with a timestamp; mixing all 16 bytes keeps clustered ids apart.
    private static int Hash(Guid id)
    {
        Span<ulong> halves = stackalloc ulong[2];
        id.TryWriteBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(halves));
        var h = (halves[0] * 0x9E3779B97F4A7C15UL) ^ (halves[1] * 0xC2B2AE3D27D4EB4FUL);
        return (int)(h >> 33);
    }

    private static int CapacityFor(int expected)
    {
        var capacity = 16;
        while (capacity * 7L < expected * 10L)
        {
            capacity *= 2;
        }

        return capacity;
    }
}
