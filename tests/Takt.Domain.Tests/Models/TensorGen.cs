using CsCheck;

namespace Takt.Domain.Tests.Models;

/// <summary>Generators and assertions shared by the merge-kernel tests.</summary>
internal static class TensorGen
{
    /// <summary>Lengths from empty to a few vector widths, so most are not a multiple of the width and exercise the scalar tail.</summary>
    public static readonly Gen<int> Length = Gen.Int[0, 100];

    public static Gen<float[]> Tensor(int length) => Gen.Float[-2f, 2f].Array[length];

    public static Gen<float[][]> Tensors(int count, int length) => Tensor(length).Array[count];

    /// <summary>A task-vector entry: non-zero, so it has a sign to agree on.</summary>
    public static Gen<float> NonZero => Gen.Float[0.01f, 2f].SelectMany(m => Gen.Bool.Select(neg => neg ? -m : m));

    public static ReadOnlyMemory<float>[] Memories(float[][] tensors) => [.. tensors.Select(t => new ReadOnlyMemory<float>(t))];

    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var scale = Math.Max(1, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale, $"index {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
