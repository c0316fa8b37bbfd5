using CsCheck;
using Takt.Domain.Models;

namespace Takt.Domain.Tests.Models;

public sealed class SlerpTests
{
    private static readonly Gen<(float[] A, float[] B, float T)> Case =
        Gen.Int[2, 100].SelectMany(n => Gen.Select(TensorGen.Tensor(n), TensorGen.Tensor(n), Gen.Float[0f, 1f]));

    private static float[] Slerp(float[] a, float[] b, float t)
    {
        var output = new float[a.Length];
        MergeKernels.Slerp(a, b, t, output);
        return output;
    }

    private static double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));

    [Fact]
    public void Slerp_EndpointsReturnTheInputs()
    {
        Case.Sample((a, b, _) =>
        {
            Assert.Equal(a, Slerp(a, b, 0));
            Assert.Equal(b, Slerp(a, b, 1));
        });
    }

    [Fact]
    public void Slerp_ParallelVectors_IsLerp()
    {
        Case.SelectMany(c => Gen.Float[0.1f, 5f].Select(k => (c.A, k, c.T))).Sample((a, k, t) =>
        {
            var b = a.Select(x => x * k).ToArray();
            TensorGen.Close([.. a.Select((x, i) => ((1 - t) * x) + (t * b[i]))], Slerp(a, b, t), 1e-5);
        });
    }

    [Fact]
    public void Slerp_ZeroNormInput_IsLerp()
    {
        Case.Sample((a, _, t) =>
        {
            var zero = new float[a.Length];
            TensorGen.Close([.. a.Select(x => (1 - t) * x)], Slerp(a, zero, t), 1e-6);
            TensorGen.Close([.. a.Select(x => t * x)], Slerp(zero, a, t), 1e-6);
        });
    }

    [Fact]
    public void Slerp_UnitInputs_NormStaysBetweenTheInputNorms()
    {
        Case.Where(c => Norm(c.A) > 0.1 && Norm(c.B) > 0.1).Sample((a, b, t) =>
        {
            var ua = a.Select(x => (float)(x / Norm(a))).ToArray();
            var ub = b.Select(x => (float)(x / Norm(b))).ToArray();
            var cos = ua.Select((x, i) => (double)x * ub[i]).Sum();
            if (Math.Abs(cos) > MergeKernels.SlerpParallelThreshold)
            {
                return;
            }

            var norm = Norm(Slerp(ua, ub, t));
            Assert.InRange(norm, Math.Min(Norm(ua), Norm(ub)) - 1e-4, Math.Max(Norm(ua), Norm(ub)) + 1e-4);
        });
    }

    [Fact]
    public void Slerp_EqualsScalarReference()
    {
        TensorGen.Length.SelectMany(n => Gen.Select(TensorGen.Tensor(n), TensorGen.Tensor(n), Gen.Float[0f, 1f])).Sample((a, b, t) =>
            TensorGen.Close(ScalarMerge.Slerp(a, b, t), Slerp(a, b, t), 1e-4));
    }

    [Fact]
    public void Slerp_LongTensors_EqualScalarReference()
    {
        // Longer than the kernel's accumulation block, so its float partial sums are flushed several times.
        Gen.Int[2_000, 6_000].SelectMany(n => Gen.Select(TensorGen.Tensor(n), TensorGen.Tensor(n), Gen.Float[0f, 1f])).Sample((a, b, t) =>
            TensorGen.Close(ScalarMerge.Slerp(a, b, t), Slerp(a, b, t), 1e-4), iter: 20);
    }
}
