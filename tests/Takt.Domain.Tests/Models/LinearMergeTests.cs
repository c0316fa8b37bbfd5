using CsCheck;
using Takt.Domain.Models;

namespace Takt.Domain.Tests.Models;

public sealed class LinearMergeTests
{
    private static readonly Gen<(float[][] Inputs, float[] Coefficients)> Case =
        Gen.Select(Gen.Int[1, 5], TensorGen.Length).SelectMany((models, n) =>
            Gen.Select(TensorGen.Tensors(models, n), Gen.Float[0.05f, 3f].Array[models]));

    [Fact]
    public void WeightedSum_OneCoefficientOne_ReturnsThatInput()
    {
        Case.SelectMany(c => Gen.Select(Gen.Int[0, c.Inputs.Length - 1], Gen.Bool).Select((k, normalize) => (c.Inputs, k, normalize))).Sample((inputs, k, normalize) =>
        {
            var coefficients = new float[inputs.Length];
            coefficients[k] = 1;
            var output = new float[inputs[0].Length];
            MergeKernels.WeightedSum(TensorGen.Memories(inputs), coefficients, output, normalize);
            Assert.Equal(inputs[k], output);
        });
    }

    [Fact]
    public void WeightedSum_CoefficientsSummingToOneOnEqualInputs_ReturnsTheInput()
    {
        Case.Sample((inputs, raw) =>
        {
            var coefficients = raw.Select(c => c / raw.Sum()).ToArray();
            var same = inputs.Select(_ => inputs[0]).ToArray();
            var output = new float[inputs[0].Length];
            MergeKernels.WeightedSum(TensorGen.Memories(same), coefficients, output, normalize: false);
            TensorGen.Close(inputs[0], output);
        });
    }

    [Fact]
    public void WeightedSum_EqualsScalarReference()
    {
        Case.SelectMany(c => Gen.Bool.Select(normalize => (c.Inputs, c.Coefficients, normalize))).Sample((inputs, coefficients, normalize) =>
        {
            var output = new float[inputs[0].Length];
            MergeKernels.WeightedSum(TensorGen.Memories(inputs), coefficients, output, normalize);
            TensorGen.Close(ScalarMerge.WeightedSum(inputs, coefficients, normalize), output, 1e-6);
        });
    }

    [Fact]
    public void AddDifference_AlphaZeroOrEqualBC_ReturnsA()
    {
        TensorGen.Length.SelectMany(n => Gen.Select(TensorGen.Tensors(3, n), Gen.Float[-3f, 3f])).Sample((t, alpha) =>
        {
            var output = new float[t[0].Length];
            MergeKernels.AddDifference(t[0], t[1], t[2], 0, output);
            Assert.Equal(t[0], output);
            MergeKernels.AddDifference(t[0], t[1], t[1], alpha, output);
            Assert.Equal(t[0], output);
        });
    }

    [Fact]
    public void AddDifference_EqualsScalarReference()
    {
        TensorGen.Length.SelectMany(n => Gen.Select(TensorGen.Tensors(3, n), Gen.Float[-3f, 3f])).Sample((t, alpha) =>
        {
            var output = new float[t[0].Length];
            MergeKernels.AddDifference(t[0], t[1], t[2], alpha, output);
            Assert.Equal(t[0].Select((a, i) => a + (alpha * (t[1][i] - t[2][i]))), output);
        });
    }

    [Fact]
    public void Kernels_MismatchedLengths_ThrowNamingTheLengths()
    {
        float[] five = new float[5], six = new float[6];
        var sum = Assert.Throws<ArgumentException>(() => MergeKernels.WeightedSum([five, six], [0.5f, 0.5f], new float[5]));
        Assert.Contains("6", sum.Message, StringComparison.Ordinal);
        var diff = Assert.Throws<ArgumentException>(() => MergeKernels.AddDifference(five, five, six, 1, new float[5]));
        Assert.Contains("c 6", diff.Message, StringComparison.Ordinal);
        Assert.Contains("a 5", diff.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MergeKernels.Slerp(five, six, 0.5f, new float[5]));
        Assert.Throws<ArgumentException>(() => MergeKernels.Ties(five, [six], [1], 0.5, 1, new float[5], new double[1]));
        Assert.Throws<ArgumentException>(() => MergeKernels.Ties(five, [five], [1, 2], 0.5, 1, new float[5], new double[1]));
        Assert.Throws<ArgumentException>(() => MergeKernels.Dare(five, [five], [1], new DareOptions { DropProbability = 0.5, Seed = 1, TensorKey = 2 }, new float[6], new double[1]));
    }
}
