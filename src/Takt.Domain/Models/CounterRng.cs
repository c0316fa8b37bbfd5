namespace Takt.Domain.Models;

/// <summary>
/// A counter-based generator: each draw is SplitMix64's finaliser over (stream, index), so any
/// element's draw is computed on its own, in any order, on any thread, with the same result.
/// </summary>
internal static class CounterRng
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static ulong Stream(ulong seed, ulong tensorKey, int input) =>
        Mix(Mix(seed ^ Mix(tensorKey + Golden)) + ((ulong)(uint)input * Golden));

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public static double Uniform(ulong stream, int index) =>
        (Mix(stream + (((ulong)(uint)index + 1) * Golden)) >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
