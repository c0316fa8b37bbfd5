using System.Numerics;

namespace Takt.Domain.Models;

public static partial class MergeKernels
{
    /// <summary>Above this |cos| between the flattened tensors SLERP is ill-conditioned and falls back to lerp (mergekit's DOT_THRESHOLD).</summary>
    public const double SlerpParallelThreshold = 0.9995;

    /// <summary>
    /// Spherical interpolation of the flattened tensors (mergekit <c>slerp</c>): the angle comes from
    /// the normalised vectors, the weights apply to the originals, so t = 0 gives A and t = 1 gives B.
    /// Nearly parallel or antiparallel inputs, and a zero-norm input (which has no direction; mergekit
    /// would take it as orthogonal), fall back to (1 − t)A + tB.
    /// </summary>
    public static void Slerp(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float t, Span<float> output)
    {
        RequireSameLength(("a", a.Length), ("b", b.Length), ("output", output.Length));
        var (ab, aa, bb) = Dots(a, b);
        var cos = aa > 0 && bb > 0 ? ab / Math.Sqrt(aa * bb) : double.NaN;
        if (double.IsNaN(cos) || Math.Abs(cos) > SlerpParallelThreshold)
        {
            Combine(a, 1 - t, b, t, output);
            return;
        }

        var theta = Math.Acos(cos);
        var sin = Math.Sin(theta);
        Combine(a, (float)(Math.Sin((1 - t) * theta) / sin), b, (float)(Math.Sin(t * theta) / sin), output);
    }

    /// <summary>output = ca·a + cb·b.</summary>
    private static void Combine(ReadOnlySpan<float> a, float ca, ReadOnlySpan<float> b, float cb, Span<float> output)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<float>(ca);
            var vb = new Vector<float>(cb);
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                ((va * new Vector<float>(a[i..])) + (vb * new Vector<float>(b[i..]))).CopyTo(output[i..]);
            }
        }

        for (; i < a.Length; i++)
        {
            output[i] = (ca * a[i]) + (cb * b[i]);
        }
    }

    /// <summary>Σab, Σaa, Σbb. Float lanes are flushed into doubles every block so long tensors keep their precision.</summary>
    private static (double Ab, double Aa, double Bb) Dots(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        const int Block = 1024;
        double ab = 0, aa = 0, bb = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            while (i <= a.Length - Vector<float>.Count)
            {
                Vector<float> vab = default, vaa = default, vbb = default;
                var end = Math.Min(a.Length - Vector<float>.Count, i + Block);
                for (; i <= end; i += Vector<float>.Count)
                {
                    var va = new Vector<float>(a[i..]);
                    var vb = new Vector<float>(b[i..]);
                    vab += va * vb;
                    vaa += va * va;
                    vbb += vb * vb;
                }

                ab += Vector.Sum(vab);
                aa += Vector.Sum(vaa);
                bb += Vector.Sum(vbb);
            }
        }

        for (; i < a.Length; i++)
        {
            ab += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }

        return (ab, aa, bb);
    }
}
