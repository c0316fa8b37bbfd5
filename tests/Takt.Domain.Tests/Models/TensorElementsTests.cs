using CsCheck;
using Takt.Domain.Models;

namespace Takt.Domain.Tests.Models;

public sealed class TensorElementsTests
{
    [Fact]
    public void SingleToBFloat16_RoundsToNearestEvenLikeTheReference()
    {
        // Raw bit patterns cover NaNs, infinities, subnormals and exact halfway cases.
        var halfway = Gen.UInt.Select(u => (u & 0xFFFF0000u) | 0x8000u);
        TensorGen.Length.SelectMany(n => Gen.OneOf(Gen.UInt, halfway).Array[n]).Sample(bits =>
        {
            var values = bits.Select(BitConverter.UInt32BitsToSingle).ToArray();
            var output = new ushort[bits.Length];
            TensorElements.SingleToBFloat16(values, output);
            Assert.Equal(bits.Select(ScalarMerge.ToBFloat16), output);
            Assert.Equal(bits.Select(ScalarMerge.ToBFloat16), values.Select(TensorElements.ToBFloat16));
        });
    }

    [Fact]
    public void SingleToBFloat16_KeepsNaNs()
    {
        Gen.UInt[0x7F800001u, 0x7FFFFFFFu].SelectMany(m => Gen.Bool.Select(neg => neg ? m | 0x80000000u : m)).Sample(bits =>
        {
            var value = BitConverter.UInt32BitsToSingle(bits);
            Assert.True(float.IsNaN(TensorElements.FromBFloat16(TensorElements.ToBFloat16(value))));
            var output = new ushort[40];
            TensorElements.SingleToBFloat16(Enumerable.Repeat(value, 40).ToArray(), output);
            Assert.All(output, b => Assert.True(float.IsNaN(TensorElements.FromBFloat16(b))));
        });
    }

    [Fact]
    public void BFloat16_RoundTripsThroughSingle()
    {
        TensorGen.Length.SelectMany(n => Gen.UShort.Array[n]).Sample(bf16 =>
        {
            var wide = new float[bf16.Length];
            TensorElements.BFloat16ToSingle(bf16, wide);
            Assert.Equal(bf16.Select(TensorElements.FromBFloat16), wide);
            var back = new ushort[bf16.Length];
            TensorElements.SingleToBFloat16(wide, back);
            // A signalling NaN comes back quiet; every other pattern comes back unchanged.
            Assert.Equal(bf16.Select(b => float.IsNaN(TensorElements.FromBFloat16(b)) ? (ushort)(b | 0x40) : b), back);
        });
    }

    [Fact]
    public void Half_RoundTripsThroughSingle()
    {
        TensorGen.Length.SelectMany(n => Gen.UShort.Array[n]).Sample(bits =>
        {
            var halves = bits.Select(BitConverter.UInt16BitsToHalf).ToArray();
            var wide = new float[bits.Length];
            TensorElements.HalfToSingle(halves, wide);
            var back = new Half[bits.Length];
            TensorElements.SingleToHalf(wide, back);
            for (var i = 0; i < bits.Length; i++)
            {
                Assert.Equal(Half.IsNaN(halves[i]), float.IsNaN(wide[i]));
                if (!Half.IsNaN(halves[i]))
                {
                    Assert.Equal(bits[i], BitConverter.HalfToUInt16Bits(back[i]));
                }
                else
                {
                    Assert.True(Half.IsNaN(back[i]));
                }
            }
        });
    }

    [Fact]
    public void HalfToSingle_EveryBitPattern_MatchesTheRuntimeBitForBit()
    {
        // All 65536 patterns in one call (vector lanes) and one by one (the scalar tail), NaNs,
        // infinities, subnormals and both zeros included.
        var halves = Enumerable.Range(0, 1 << 16).Select(b => BitConverter.UInt16BitsToHalf((ushort)b)).ToArray();
        var expected = halves.Select(h => BitConverter.SingleToUInt32Bits((float)h)).ToArray();
        var wide = new float[halves.Length];
        TensorElements.HalfToSingle(halves, wide);
        Assert.Equal(expected, wide.Select(BitConverter.SingleToUInt32Bits));
        var one = new float[1];
        for (var i = 0; i < halves.Length; i++)
        {
            TensorElements.HalfToSingle(halves.AsSpan(i, 1), one);
            Assert.Equal(expected[i], BitConverter.SingleToUInt32Bits(one[0]));
        }
    }

    [Fact]
    public void SingleToHalf_RandomAndEdgeBitPatterns_MatchTheRuntimeBitForBit()
    {
        // Exact halfway cases at every half exponent (normal and subnormal results), the overflow
        // boundary around 65504/65520, every NaN class, and uniform bit patterns.
        var halfway = Gen.UInt.Select(u => (u & 0xFFFF_E000u) | 0x1000u);
        var nearHalfRange = Gen.UInt[0x3300_0000u, 0x4780_0000u].SelectMany(u => Gen.Bool.Select(neg => neg ? u | 0x8000_0000u : u));
        uint[] edgeBits = [
            0u, 0x8000_0000u, 0x7F80_0000u, 0xFF80_0000u, 0x7F80_0001u, 0x7FC0_0000u, 0xFFFF_FFFFu, 0x7FBF_FFFFu,
            BitConverter.SingleToUInt32Bits(65504f), BitConverter.SingleToUInt32Bits(65519.996f), BitConverter.SingleToUInt32Bits(65520f),
            BitConverter.SingleToUInt32Bits(float.Epsilon), 0x3380_0000u, 0x3300_0000u, 0x3300_0001u, 0x387F_E000u, 0x387F_F000u, 0x3880_0000u];
        var edges = Gen.Int[0, edgeBits.Length - 1].Select(i => edgeBits[i]);
        Gen.Int[0, 300].SelectMany(n => Gen.OneOf(Gen.UInt, halfway, nearHalfRange, edges).Array[n]).Sample(bits =>
        {
            var values = bits.Select(BitConverter.UInt32BitsToSingle).ToArray();
            var output = new Half[bits.Length];
            TensorElements.SingleToHalf(values, output);
            Assert.Equal(values.Select(v => BitConverter.HalfToUInt16Bits((Half)v)), output.Select(BitConverter.HalfToUInt16Bits));
        }, iter: 2000);
    }

    [Fact]
    public void SingleToHalf_EveryHalfWidenedThenNarrowed_IsTheRuntimes()
    {
        var wide = Enumerable.Range(0, 1 << 16).Select(b => (float)BitConverter.UInt16BitsToHalf((ushort)b)).ToArray();
        var output = new Half[wide.Length];
        TensorElements.SingleToHalf(wide, output);
        Assert.Equal(wide.Select(v => BitConverter.HalfToUInt16Bits((Half)v)), output.Select(BitConverter.HalfToUInt16Bits));
    }

    [Fact]
    public void BFloat16ToSingle_EveryBitPattern_IsTheTopHalf()
    {
        var bf16 = Enumerable.Range(0, 1 << 16).Select(b => (ushort)b).ToArray();
        var wide = new float[bf16.Length];
        TensorElements.BFloat16ToSingle(bf16, wide);
        Assert.Equal(bf16.Select(b => (uint)b << 16), wide.Select(BitConverter.SingleToUInt32Bits));
    }

    [Fact]
    public void Conversions_MismatchedLengths_Throw()
    {
        Assert.Throws<ArgumentException>(() => TensorElements.SingleToBFloat16(new float[3], new ushort[4]));
        Assert.Throws<ArgumentException>(() => TensorElements.BFloat16ToSingle(new ushort[3], new float[2]));
        Assert.Throws<ArgumentException>(() => TensorElements.HalfToSingle(new Half[3], new float[2]));
    }
}
