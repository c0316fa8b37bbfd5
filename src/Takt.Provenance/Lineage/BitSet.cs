namespace Takt.Provenance.Lineage;

/// <summary>One bit per node for a single walk: 250 KB for two million nodes.</summary>
internal readonly struct BitSet(int size)
{
    private readonly ulong[] _words = new ulong[(size + 63) >> 6];

    /// <summary>Sets the bit; false when it was already set.</summary>
    public bool Add(int index)
    {
        ref var word = ref _words[index >> 6];
        var mask = 1UL << (index & 63);
        if ((word & mask) != 0)
        {
            return false;
        }

        word |= mask;
        return true;
    }
}
