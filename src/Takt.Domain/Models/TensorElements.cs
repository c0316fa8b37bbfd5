using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Takt.Domain.Models;

/// <summary>
/// Conversions between the stored element types of a tensor (F16, BF16, F32) and the float32 the
/// merge kernels compute in, so a caller can stream tensors of any of them in and out. BF16 is
/// carried as its raw bits (<see cref="ushort"/>): the BCL has no BF16 type.
/// </summary>
public static partial class TensorElements
{
    /// <summary>Widens BF16 bit patterns to float32 (exact: BF16 is the top half of a float32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BFloat16ToSingle(ReadOnlySpan<ushort> source, Span<float> destination)
    {
        MergeKernels.RequireSameLength(("source", source.Length), ("destination", destination.Length));
        var bits = MemoryMarshal.Cast<float, uint>(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= source.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                Vector.Widen(new Vector<ushort>(source[i..]), out var low, out var high);
                (low << 16).CopyTo(bits[i..]);
                (high << 16).CopyTo(bits[(i + Vector<uint>.Count)..]);
            }
        }

        for (; i < source.Length; i++)
        {
            bits[i] = (uint)source[i] << 16;
        }
    }

    /// <summary>
    /// Narrows float32 to BF16 bit patterns, rounding to nearest even. A NaN stays a NaN (its top
    /// half with the quiet bit set), where plain rounding could carry a NaN's payload into infinity.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SingleToBFloat16(ReadOnlySpan<float> source, Span<ushort> destination)
    {
        MergeKernels.RequireSameLength(("source", source.Length), ("destination", destination.Length));
        var bits = MemoryMarshal.Cast<float, uint>(source);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= source.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                var low = ToBFloat16Lanes(new Vector<uint>(bits[i..]));
                var high = ToBFloat16Lanes(new Vector<uint>(bits[(i + Vector<uint>.Count)..]));
                Vector.Narrow(low, high).CopyTo(destination[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = ToBFloat16(source[i]);
        }
    }

    /// <summary>One float32 to BF16 bits, rounding to nearest even, NaN preserved.</summary>
    public static ushort ToBFloat16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return (ushort)((bits >> 16) | 0x40);
        }

        // Adding 0x7FFF plus the kept part's lowest bit rounds halfway cases towards the even neighbour.
        return (ushort)((bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16);
    }

    /// <summary>One BF16 bit pattern to float32.</summary>
    public static float FromBFloat16(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> ToBFloat16Lanes(Vector<uint> bits)
    {
        var rounded = (bits + new Vector<uint>(0x7FFFu) + ((bits >> 16) & Vector<uint>.One)) >> 16;
        var asFloat = Vector.AsVectorSingle(bits);
        var isNaN = Vector.AsVectorUInt32(~Vector.Equals(asFloat, asFloat));
        return Vector.ConditionalSelect(isNaN, (bits >> 16) | new Vector<uint>(0x40u), rounded);
    }
}
