namespace Takt.Domain.Tests.Models;

/// <summary>
/// Plain scalar reference implementations of the kernels, written from data.md §2.2 rather than
/// from the kernels, in the same float operation order so results agree to rounding.
/// </summary>
internal static class ScalarMerge
{
    public static float[] WeightedSum(float[][] inputs, float[] coefficients, bool normalize)
    {
        var total = coefficients.Sum();
        var scale = normalize && total != 0 ? 1 / total : 1f;
        var output = new float[inputs[0].Length];
        for (var i = 0; i < output.Length; i++)
        {
            var acc = coefficients[0] * scale * inputs[0][i];
            for (var m = 1; m < inputs.Length; m++)
            {
                acc += coefficients[m] * scale * inputs[m][i];
            }

            output[i] = acc;
        }

        return output;
    }

    public static float[] Deltas(float[] baseTensor, float[] model) => [.. model.Select((v, i) => v - baseTensor[i])];

    /// <summary>Top-k by magnitude via a stable sort: ties go to the lower index.</summary>
    public static float[] Trim(float[] delta, double density)
    {
        var keep = (int)(density * delta.Length);
        var kept = delta.Select((d, i) => (d, i)).OrderByDescending(x => Math.Abs(x.d)).ThenBy(x => x.i).Take(keep).Select(x => x.i).ToHashSet();
        return [.. delta.Select((d, i) => kept.Contains(i) ? d : 0)];
    }

    public static (float[] Output, double[] KeptL1) Disjoint(float[] baseTensor, float[][] deltas, float[] weights, float lambda, bool normalize)
    {
        var output = new float[baseTensor.Length];
        var kept = new double[deltas.Length];
        for (var i = 0; i < output.Length; i++)
        {
            var sum = 0f;
            for (var m = 0; m < deltas.Length; m++)
            {
                sum += weights[m] * deltas[m][i];
            }

            var sign = sum >= 0 ? 1 : -1;
            float numerator = 0, denominator = 0;
            for (var m = 0; m < deltas.Length; m++)
            {
                if (Math.Sign(deltas[m][i]) == sign)
                {
                    numerator += weights[m] * deltas[m][i];
                    denominator += weights[m];
                    kept[m] += Math.Abs(deltas[m][i]);
                }
            }

            output[i] = baseTensor[i] + (lambda * (normalize ? numerator / (denominator == 0 ? 1 : denominator) : numerator));
        }

        return (output, kept);
    }

    public static (float[] Output, double[] Kept) Ties(float[] baseTensor, float[][] models, float[] coefficients, double density, float lambda)
    {
        var deltas = models.Select(m => Deltas(baseTensor, m)).ToArray();
        var (output, kept) = Disjoint(baseTensor, [.. deltas.Select(d => Trim(d, density))], coefficients, lambda, normalize: true);
        return (output, [.. kept.Select((k, m) => L1(deltas[m]) > 0 ? k / L1(deltas[m]) : 0)]);
    }

    public static double L1(float[] values) => values.Sum(v => (double)Math.Abs(v));

    public static float[] Slerp(float[] a, float[] b, float t)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }

        var cos = ab / Math.Sqrt(aa * bb);
        if (aa == 0 || bb == 0 || Math.Abs(cos) > 0.9995)
        {
            return [.. a.Select((x, i) => (float)(((1 - t) * x) + (t * b[i])))];
        }

        var theta = Math.Acos(cos);
        return [.. a.Select((x, i) => (float)(((Math.Sin((1 - t) * theta) * x) + (Math.Sin(t * theta) * b[i])) / Math.Sin(theta)))];
    }

    /// <summary>Round to nearest even by inspecting the discarded half, unlike the kernel's add-a-bias trick.</summary>
    public static ushort ToBFloat16(uint bits)
    {
        if ((bits & 0x7F800000u) == 0x7F800000u && (bits & 0x007FFFFFu) != 0)
        {
            return (ushort)((bits >> 16) | 0x40);
        }

        var upper = bits >> 16;
        var lower = bits & 0xFFFFu;
        if (lower > 0x8000u || (lower == 0x8000u && (upper & 1) == 1))
        {
            upper++;
        }

        return (ushort)upper;
    }
}
