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
    public void Conversions_MismatchedLengths_Throw()
    {
        Assert.Throws<ArgumentException>(() => TensorElements.SingleToBFloat16(new float[3], new ushort[4]));
        Assert.Throws<ArgumentException>(() => TensorElements.BFloat16ToSingle(new ushort[3], new float[2]));
        Assert.Throws<ArgumentException>(() => TensorElements.HalfToSingle(new Half[3], new float[2]));
    }
}
