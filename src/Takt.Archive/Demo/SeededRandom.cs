namespace Takt.Archive.Demo;

/// <summary>
/// A fixed xorshift generator: System.Random's seeded sequence is an implementation detail of the
/// runtime, and the demo's bytes must not change when the runtime does.
/// </summary>
internal sealed class SeededRandom(uint seed)
{
    private uint state = seed == 0 ? 0x9E3779B9u : seed;

    public double Next(double min, double max)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return min + ((max - min) * (state / (double)uint.MaxValue));
    }
}
