using CsCheck;
using Takt.Domain.Models;

namespace Takt.Domain.Tests.Models;

public sealed class TiesMergeTests
{
    private static readonly Gen<(float[] Base, float[][] Models, float[] Coefficients, double Density, float Lambda)> Case =
        Gen.Select(Gen.Int[1, 4], TensorGen.Length).SelectMany((models, n) =>
            Gen.Select(TensorGen.Tensor(n), TensorGen.Tensors(models, n), Gen.Float[0.05f, 3f].Array[models], Gen.Double[0, 1], Gen.Float[0f, 2f]));

    [Fact]
    public void Ties_DensityOneAndAgreeingSigns_IsBasePlusLambdaWeightedMeanOfTaskVectors()
    {
        Gen.Select(Gen.Int[1, 4], TensorGen.Length).SelectMany((models, n) =>
            Gen.Select(TensorGen.Tensor(n), TensorGen.NonZero.Array[n], Gen.Float[0.1f, 2f].Array[n].Array[models], Gen.Float[0.05f, 3f].Array[models], Gen.Float[0f, 2f]))
        .Sample((baseTensor, direction, magnitudes, coefficients, lambda) =>
        {
            // Every task vector points the same way as `direction` in every entry.
            var models = magnitudes.Select(mag => baseTensor.Select((b, i) => b + (Math.Sign(direction[i]) * mag[i])).ToArray()).ToArray();
            var output = new float[baseTensor.Length];
            var kept = new double[models.Length];
            MergeKernels.Ties(baseTensor, TensorGen.Memories(models), coefficients, 1, lambda, output, kept);
            var expected = baseTensor.Select((b, i) =>
                b + (lambda * models.Select((m, k) => coefficients[k] * (m[i] - b)).Sum() / coefficients.Sum())).ToArray();
            TensorGen.Close(expected, output, 1e-4);
            Assert.All(kept, k => Assert.Equal(baseTensor.Length == 0 ? 0 : 1, k, 1e-5));
        });
    }

    [Fact]
    public void Ties_KeptFractionsAreInUnitInterval()
    {
        Case.Sample((baseTensor, models, coefficients, density, lambda) =>
        {
            var kept = new double[models.Length];
            MergeKernels.Ties(baseTensor, TensorGen.Memories(models), coefficients, density, lambda, new float[baseTensor.Length], kept);
            Assert.All(kept, k => Assert.InRange(k, 0, 1));
        });
    }

    [Fact]
    public void Ties_EqualsScalarReference()
    {
        Case.Sample((baseTensor, models, coefficients, density, lambda) =>
        {
            var output = new float[baseTensor.Length];
            var kept = new double[models.Length];
            MergeKernels.Ties(baseTensor, TensorGen.Memories(models), coefficients, density, lambda, output, kept);
            var (expected, expectedKept) = ScalarMerge.Ties(baseTensor, models, coefficients, density, lambda);
            TensorGen.Close(expected, output, 1e-6);
            Assert.All(kept.Zip(expectedKept), p => Assert.Equal(p.Second, p.First, 1e-5));
        });
    }

    [Fact]
    public void Ties_ManyEqualMagnitudes_KeepsExactlyTheTopCount()
    {
        // Quickselect and the tie rule must keep ⌊density·n⌋ entries even when most magnitudes are equal.
        Gen.Int[1, 300].SelectMany(n => Gen.Select(Gen.Int[-2, 2].Select(v => (float)v).Array[n], Gen.Double[0, 1])).Sample((delta, density) =>
        {
            var output = new float[delta.Length];
            MergeKernels.Ties(new float[delta.Length], [delta], [1], density, 1, output, new double[1]);
            Assert.Equal(ScalarMerge.Trim(delta, density), output);
        });
    }

    [Fact]
    public void Ties_DensityZero_ReturnsBaseAndKeepsNothing()
    {
        Case.Sample((baseTensor, models, coefficients, _, lambda) =>
        {
            var output = new float[baseTensor.Length];
            var kept = new double[models.Length];
            MergeKernels.Ties(baseTensor, TensorGen.Memories(models), coefficients, 0, lambda, output, kept);
            Assert.Equal(baseTensor, output);
            Assert.All(kept, k => Assert.Equal(0, k));
        });
    }
}
