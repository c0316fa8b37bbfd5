using CsCheck;
using Takt.Domain.Models;

namespace Takt.Domain.Tests.Models;

public sealed class DareMergeTests
{
    private static readonly Gen<DareOptions> Options =
        Gen.Select(Gen.Double[0, 0.95], Gen.ULong, Gen.ULong, Gen.Enum<DareRescale>(), Gen.Enum<TaskVectorCombination>(), Gen.Float[0f, 2f], Gen.Bool)
            .Select((p, seed, key, rescale, combination, lambda, normalize) => new DareOptions
            {
                DropProbability = p,
                Seed = seed,
                TensorKey = key,
                Rescale = rescale,
                Combination = combination,
                Lambda = lambda,
                Normalize = normalize,
            });

    private static readonly Gen<(float[] Base, float[][] Models, float[] Coefficients, DareOptions Options)> Case =
        Gen.Select(Gen.Int[1, 4], TensorGen.Length).SelectMany((models, n) =>
            Gen.Select(TensorGen.Tensor(n), TensorGen.Tensors(models, n), Gen.Float[0.05f, 3f].Array[models], Options));

    private static (float[] Output, double[] Kept) Run(float[] baseTensor, float[][] models, float[] coefficients, DareOptions options)
    {
        var output = new float[baseTensor.Length];
        var kept = new double[models.Length];
        MergeKernels.Dare(baseTensor, TensorGen.Memories(models), coefficients, options, output, kept);
        return (output, kept);
    }

    [Fact]
    public void Dare_NoDropping_EqualsTheUnsparsifiedCombination()
    {
        Case.Sample((baseTensor, models, coefficients, options) =>
        {
            var none = options with { DropProbability = 0 };
            var deltas = models.Select(m => ScalarMerge.Deltas(baseTensor, m)).ToArray();
            var (output, kept) = Run(baseTensor, models, coefficients, none);
            if (none.Combination == TaskVectorCombination.Ties)
            {
                TensorGen.Close(ScalarMerge.Disjoint(baseTensor, deltas, coefficients, none.Lambda, none.Normalize).Output, output, 1e-5);
            }
            else
            {
                var scale = none.Normalize ? 1 / coefficients.Sum() : 1;
                var expected = baseTensor.Select((b, i) => b + (none.Lambda * scale * deltas.Select((d, m) => coefficients[m] * d[i]).Sum())).ToArray();
                TensorGen.Close(expected, output, 1e-4);
                Assert.All(kept.Zip(deltas), p => Assert.Equal(ScalarMerge.L1(p.Second) > 0 ? 1 : 0, p.First, 1e-6));
            }
        });
    }

    [Fact]
    public void DareChunk_ChunkByChunk_EqualsTheWholeTensor()
    {
        var cases = Gen.Select(Case, Gen.Int[1, 40]).Where(c => c.Item1.Options.Rescale != DareRescale.L1Norm);
        cases.Sample((c, chunk) =>
        {
            var (baseTensor, models, coefficients, options) = c;
            var (expected, expectedKept) = Run(baseTensor, models, coefficients, options);
            var output = new float[baseTensor.Length];
            var keptL1 = new double[models.Length];
            var totalL1 = new double[models.Length];
            for (var start = 0; start < baseTensor.Length; start += chunk)
            {
                var length = Math.Min(chunk, baseTensor.Length - start);
                var slices = models.Select(m => new ReadOnlyMemory<float>(m, start, length)).ToArray();
                MergeKernels.DareChunk(baseTensor.AsSpan(start, length), slices, coefficients, options with { FirstIndex = start }, output.AsSpan(start, length), keptL1, totalL1);
            }

            // The mask and arithmetic are per element, so the output is identical; the kept sums differ
            // in summation order (the L1 norms add float vector lanes), so only to about float precision.
            Assert.Equal(expected, output);
            for (var m = 0; m < models.Length; m++)
            {
                Assert.Equal(expectedKept[m], totalL1[m] > 0 ? keptL1[m] / totalL1[m] : 0, 1e-6);
            }
        });
    }

    [Fact]
    public void DareChunk_L1Rescale_Refused()
    {
        var options = new DareOptions { DropProbability = 0.5, Seed = 1, TensorKey = 2, Rescale = DareRescale.L1Norm };
        Assert.Throws<ArgumentException>(() =>
            MergeKernels.DareChunk(new float[4], [new float[4]], [1f], options, new float[4], new double[1], new double[1]));
    }

    [Fact]
    public void Dare_SameSeed_SameOutput_DifferentSeed_DifferentOutput()
    {
        Gen.Select(Gen.Int[64, 300], Gen.ULong, Gen.ULong).SelectMany((n, seed, key) =>
            Gen.Select(TensorGen.NonZero.Array[n], Gen.Double[0.2, 0.8]).Select((delta, p) => (delta, new DareOptions { DropProbability = p, Seed = seed, TensorKey = key })))
        .Sample((delta, options) =>
        {
            var zero = new float[delta.Length];
            var first = Run(zero, [delta], [1], options).Output;
            Assert.Equal(first, Run(zero, [delta], [1], options).Output);
            Assert.NotEqual(first, Run(zero, [delta], [1], options with { Seed = options.Seed + 1 }).Output);
            Assert.NotEqual(first, Run(zero, [delta], [1], options with { TensorKey = options.TensorKey ^ 1 }).Output);
        });
    }

    [Fact]
    public void Dare_LargeVector_DropsAboutPAndPreservesTheMean()
    {
        const int N = 100_000;
        var delta = Enumerable.Range(0, N).Select(i => 0.5f + (i % 7 / 7f)).ToArray();
        var mean = delta.Average(d => (double)d);
        Gen.Select(Gen.Double[0.05, 0.9], Gen.ULong).Sample((p, seed) =>
        {
            var options = new DareOptions { DropProbability = p, Seed = seed, TensorKey = MergeKernels.TensorKey("unet.down.0.weight") };
            var (output, kept) = Run(new float[N], [delta], [1], options);
            var dropped = output.Count(v => v == 0) / (double)N;
            var sigma = Math.Sqrt(p * (1 - p) / N);
            Assert.InRange(dropped, p - (6 * sigma), p + (6 * sigma));
            Assert.InRange(kept[0], 1 - p - (6 * sigma * 1.5), 1 - p + (6 * sigma * 1.5));
            // E[rescaled entry] = δ, with the spread of a Bernoulli scaled by 1/(1 − p).
            var meanSigma = 1.5 * Math.Sqrt(p / (1 - p) / N);
            Assert.InRange(output.Average(v => (double)v), mean - (6 * meanSigma), mean + (6 * meanSigma));
        }, iter: 20);
    }

    [Fact]
    public void Dare_L1Rescale_KeepsTheTaskVectorsL1Norm()
    {
        Gen.Select(Gen.Int[1, 300], Gen.Double[0, 0.9], Gen.ULong).SelectMany((n, p, seed) =>
            TensorGen.NonZero.Array[n].Select(delta => (delta, new DareOptions { DropProbability = p, Seed = seed, TensorKey = 7, Rescale = DareRescale.L1Norm })))
        .Sample((delta, options) =>
        {
            var output = Run(new float[delta.Length], [delta], [1], options).Output;
            if (output.Any(v => v != 0))
            {
                Assert.Equal(ScalarMerge.L1(delta), ScalarMerge.L1(output), ScalarMerge.L1(delta) * 1e-5);
            }
        });
    }

    [Fact]
    public void Dare_EqualsScalarReferenceOverItsOwnMask()
    {
        Case.Sample((baseTensor, models, coefficients, options) =>
        {
            var n = baseTensor.Length;
            var masks = Masks(models.Length, n, options);
            var p = options.DropProbability;
            var deltas = models.Select(m => ScalarMerge.Deltas(baseTensor, m)).ToArray();
            var survivors = deltas.Select((d, m) => d.Select((v, i) => masks[m][i] ? v : 0).ToArray()).ToArray();
            var factors = survivors.Select((s, m) => options.Rescale switch
            {
                DareRescale.InverseKeep => 1 / (1 - p),
                DareRescale.L1Norm => ScalarMerge.L1(s) > 0 ? ScalarMerge.L1(deltas[m]) / ScalarMerge.L1(s) : 0,
                _ => 1.0,
            }).ToArray();
            var rescaled = survivors.Select((s, m) => s.Select(v => v * (float)factors[m]).ToArray()).ToArray();
            var (output, kept) = Run(baseTensor, models, coefficients, options);
            if (options.Combination == TaskVectorCombination.Ties)
            {
                var (expected, keptL1) = ScalarMerge.Disjoint(baseTensor, rescaled, coefficients, options.Lambda, options.Normalize);
                TensorGen.Close(expected, output, 1e-5);
                Assert.All(Enumerable.Range(0, models.Length), m =>
                    Assert.Equal(factors[m] > 0 && ScalarMerge.L1(deltas[m]) > 0 ? keptL1[m] / factors[m] / ScalarMerge.L1(deltas[m]) : 0, kept[m], 1e-4));
            }
            else
            {
                var scale = options.Normalize ? 1 / coefficients.Sum() : 1;
                var expected = baseTensor.Select((b, i) => b + (options.Lambda * scale * rescaled.Select((d, m) => coefficients[m] * d[i]).Sum())).ToArray();
                TensorGen.Close(expected, output, 1e-4);
            }

            Assert.All(kept, k => Assert.InRange(k, 0, 1));
        });
    }

    /// <summary>The mask each input draws, read back through the kernel: input m all ones, the others zero, nothing rescaled.</summary>
    private static bool[][] Masks(int models, int n, DareOptions options)
    {
        var bare = options with { Rescale = DareRescale.None, Combination = TaskVectorCombination.Linear, Lambda = 1, Normalize = false };
        return [.. Enumerable.Range(0, models).Select(m =>
        {
            var inputs = Enumerable.Range(0, models).Select(k => Enumerable.Repeat(k == m ? 1f : 0f, n).ToArray()).ToArray();
            return Run(new float[n], inputs, [.. Enumerable.Repeat(1f, models)], bare).Output.Select(v => v != 0).ToArray();
        })];
    }

    [Fact]
    public void TensorKey_IsStableAcrossProcesses()
    {
        // FNV-1a 64 of "a" is a published test vector; a process-randomised hash would fail this.
        Assert.Equal(0xAF63DC4C8601EC8CUL, MergeKernels.TensorKey("a"));
        Assert.NotEqual(MergeKernels.TensorKey("model.layers.0.weight"), MergeKernels.TensorKey("model.layers.1.weight"));
    }
}
