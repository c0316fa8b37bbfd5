using System.Numerics;

namespace Takt.Domain.Models;

public static partial class MergeKernels
{
    /// <summary>
    /// Zeroes all but the <paramref name="keep"/> largest |δ| entries. Ties at the threshold are
    /// kept in index order, so exactly <paramref name="keep"/> survive and the result is deterministic.
    /// </summary>
    private static void TrimToTop(Span<float> delta, int keep, Span<float> scratch)
    {
        if (keep >= delta.Length)
        {
            return;
        }

        if (keep <= 0)
        {
            delta.Clear();
            return;
        }

        for (var i = 0; i < delta.Length; i++)
        {
            scratch[i] = Math.Abs(delta[i]);
        }

        var threshold = SelectSmallest(scratch, delta.Length - keep);
        var above = 0;
        foreach (var d in delta)
        {
            if (Math.Abs(d) > threshold)
            {
                above++;
            }
        }

        var equalToKeep = keep - above;
        for (var i = 0; i < delta.Length; i++)
        {
            var magnitude = Math.Abs(delta[i]);
            if (magnitude > threshold)
            {
                continue;
            }

            if (magnitude == threshold && equalToKeep > 0)
            {
                equalToKeep--;
                continue;
            }

            delta[i] = 0;
        }
    }

    /// <summary>The value of rank <paramref name="target"/> (0-based, ascending): Hoare's quickselect, O(n) on average, reordering <paramref name="values"/>.</summary>
    private static float SelectSmallest(Span<float> values, int target)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var pivot = Median(values[lo], values[mid], values[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (target <= j)
            {
                hi = j;
            }
            else if (target >= i)
            {
                lo = i;
            }
            else
            {
                return values[target];
            }
        }

        return values[target];
    }

    private static float Median(float a, float b, float c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    /// <summary>
    /// TIES election and disjoint merge over task vectors already sparsified. An entry agrees when
    /// its sign equals the elected one; zeros never agree. <paramref name="keptL1"/> receives each
    /// input's agreeing L1 mass.
    /// </summary>
    private static void Disjoint(ReadOnlySpan<float> baseTensor, float[][] deltas, ReadOnlySpan<float> weights, float lambda, bool normalize, Span<float> output, Span<double> keptL1)
    {
        keptL1.Clear();
        var n = output.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var zero = Vector<float>.Zero;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var sum = zero;
                for (var m = 0; m < deltas.Length; m++)
                {
                    sum += new Vector<float>(weights[m]) * new Vector<float>(deltas[m], i);
                }

                var positive = Vector.GreaterThanOrEqual(sum, zero);
                var numerator = zero;
                var denominator = zero;
                for (var m = 0; m < deltas.Length; m++)
                {
                    var d = new Vector<float>(deltas[m], i);
                    var agree = Vector.ConditionalSelect(positive, Vector.GreaterThan(d, zero), Vector.LessThan(d, zero));
                    var w = new Vector<float>(weights[m]);
                    numerator += Vector.ConditionalSelect(agree, w * d, zero);
                    denominator += Vector.ConditionalSelect(agree, w, zero);
                    keptL1[m] += Vector.Sum(Vector.ConditionalSelect(agree, Vector.Abs(d), zero));
                }

                var merged = normalize ? numerator / Vector.ConditionalSelect(Vector.Equals(denominator, zero), Vector<float>.One, denominator) : numerator;
                (new Vector<float>(baseTensor[i..]) + (new Vector<float>(lambda) * merged)).CopyTo(output[i..]);
            }
        }

        for (; i < n; i++)
        {
            var sum = 0f;
            for (var m = 0; m < deltas.Length; m++)
            {
                sum += weights[m] * deltas[m][i];
            }

            var positive = sum >= 0;
            float numerator = 0, denominator = 0;
            for (var m = 0; m < deltas.Length; m++)
            {
                var d = deltas[m][i];
                if (positive ? d > 0 : d < 0)
                {
                    numerator += weights[m] * d;
                    denominator += weights[m];
                    keptL1[m] += Math.Abs(d);
                }
            }

            var merged = normalize ? numerator / (denominator == 0 ? 1 : denominator) : numerator;
            output[i] = baseTensor[i] + (lambda * merged);
        }
    }

    /// <summary>θ_base + λ·Σ wᵢδᵢ, divided by Σ wᵢ (when non-zero) if normalising.</summary>
    private static void Linear(ReadOnlySpan<float> baseTensor, float[][] deltas, ReadOnlySpan<float> weights, float lambda, bool normalize, Span<float> output)
    {
        var total = 0f;
        foreach (var w in weights)
        {
            total += w;
        }

        var scale = normalize && total != 0 ? lambda / total : lambda;
        baseTensor.CopyTo(output);
        for (var m = 0; m < deltas.Length; m++)
        {
            AddScaled(deltas[m].AsSpan(0, output.Length), weights[m] * scale, output);
        }
    }
}
