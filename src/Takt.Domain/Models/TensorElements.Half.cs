using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Takt.Domain.Models;

public static partial class TensorElements
{
    // Vector<T> has no Half lanes and .NET exposes no F16C intrinsics, so both directions work on
    // the bit patterns. data.md measured the runtime's scalar conversion as a merge's main cost.
    // AggressiveOptimization: unoptimised (tier-0) vector code measured 20× slower, and a merge
    // calls these per chunk long before tiering would recompile them.
    private const uint HalfSignMask = 0x8000;
    private const uint HalfMagnitudeMask = 0x7FFF;

    /// <summary>A half's exponent and mantissa shifted into float32 position: at or above this it is infinite or NaN.</summary>
    private const uint ShiftedHalfInfinity = 0x7C00u << 13;

    /// <summary>(127 − 15) &lt;&lt; 23: re-biases a shifted half exponent into a float32 one.</summary>
    private const uint ExponentRebias = 0x3800_0000;

    /// <summary>Widens IEEE half floats to float32, bit for bit what <c>(float)half</c> gives (exact: every half is a float; NaNs come back quiet).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void HalfToSingle(ReadOnlySpan<Half> source, Span<float> destination)
    {
        MergeKernels.RequireSameLength(("source", source.Length), ("destination", destination.Length));
        var halves = MemoryMarshal.Cast<Half, ushort>(source);
        var bits = MemoryMarshal.Cast<float, uint>(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= halves.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                Vector.Widen(new Vector<ushort>(halves[i..]), out var low, out var high);
                WidenHalfLanes(low).CopyTo(bits[i..]);
                WidenHalfLanes(high).CopyTo(bits[(i + Vector<uint>.Count)..]);
            }
        }

        for (; i < halves.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }

    /// <summary>
    /// Narrows float32 to IEEE half floats, rounding to nearest even: bit for bit what <c>(Half)f</c>
    /// gives, NaN payloads included (the runtime's branch-free algorithm, run on vector lanes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SingleToHalf(ReadOnlySpan<float> source, Span<Half> destination)
    {
        MergeKernels.RequireSameLength(("source", source.Length), ("destination", destination.Length));
        var bits = MemoryMarshal.Cast<float, uint>(source);
        var halves = MemoryMarshal.Cast<Half, ushort>(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= bits.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                var low = NarrowToHalfLanes(new Vector<uint>(bits[i..]));
                var high = NarrowToHalfLanes(new Vector<uint>(bits[(i + Vector<uint>.Count)..]));
                Vector.Narrow(low, high).CopyTo(halves[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = (Half)source[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> WidenHalfLanes(Vector<uint> half)
    {
        var shifted = (half & new Vector<uint>(HalfMagnitudeMask)) << 13;
        var sign = (half & new Vector<uint>(HalfSignMask)) << 16;
        var normal = shifted + new Vector<uint>(ExponentRebias);
        // Subnormals are mantissa · 2⁻²⁴; converting the integer mantissa keeps float subnormals (slow
        // on some cores) out of the arithmetic. Zero falls out as 0 · 2⁻²⁴.
        var subnormal = Vector.AsVectorUInt32(Vector.ConvertToSingle(Vector.AsVectorInt32(half & new Vector<uint>(0x3FFu))) * new Vector<float>(1f / (1 << 24)));
        // A NaN comes back quiet, as the runtime's conversion (and F16C) makes it.
        var quiet = Vector.GreaterThan(shifted, new Vector<uint>(ShiftedHalfInfinity)) & new Vector<uint>(0x0040_0000u);
        var infinityOrNaN = shifted | quiet | new Vector<uint>(0x7F80_0000u);
        var isSubnormal = Vector.LessThan(shifted, new Vector<uint>(0x0080_0000u));
        var isSpecial = Vector.GreaterThanOrEqual(shifted, new Vector<uint>(ShiftedHalfInfinity));
        return Vector.ConditionalSelect(isSpecial, infinityOrNaN, Vector.ConditionalSelect(isSubnormal, subnormal, normal)) | sign;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> NarrowToHalfLanes(Vector<uint> bits)
    {
        var sign = (bits & new Vector<uint>(0x8000_0000u)) >> 16;
        var magnitude = bits & new Vector<uint>(0x7FFF_FFFFu);
        var isNaN = Vector.GreaterThan(magnitude, new Vector<uint>(0x7F80_0000u));
        // Clamping to 65520 (the largest float that rounds below infinity, plus one) makes overflow round to infinity.
        var value = Vector.Min(Vector.AsVectorSingle(magnitude), new Vector<float>(65520f));
        // Adding 2^(e + 13) (2^-1 for subnormal results) pushes the bits below the half's precision out
        // of the float32 mantissa, so the FPU rounds them to nearest even.
        var offset = (Vector.AsVectorUInt32(Vector.Max(value, Vector.AsVectorSingle(new Vector<uint>(0x3880_0000u)))) & new Vector<uint>(0x7F80_0000u))
            + new Vector<uint>(0x0680_0000u);
        var rounded = Vector.AsVectorUInt32(value + Vector.AsVectorSingle(offset)) - new Vector<uint>(0x3F00_0000u);
        var finite = (rounded + (rounded >> 13)) & new Vector<uint>(HalfMagnitudeMask);
        // A NaN keeps its top mantissa bits with the quiet bit set, as the runtime's conversion does.
        var nan = new Vector<uint>(0x7E00u) | ((bits >> 13) & new Vector<uint>(0x1FFu));
        return Vector.ConditionalSelect(isNaN, nan, finite) | sign;
    }
}
