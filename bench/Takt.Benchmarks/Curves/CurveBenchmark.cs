using System.Diagnostics;
using System.Globalization;
using Takt.Domain.Curves;

namespace Takt.Benchmarks.Curves;

/// <summary>
/// <c>curves [--quick] --out DIR</c>: keyframe evaluations per second on one core, over a 1,000-key
/// curve mixing constant, linear, bezier and eased segments, (1) walking frames forward with
/// <see cref="Curve.SampleInto"/> (how a render evaluates a curve per output frame) and (2) one
/// <see cref="Curve.Sample"/> per frame at shuffled frames (random access, a binary search each).
/// Writes the curve and the frames to DIR so bench/curves_python.py can time the same evaluation.
/// </summary>
public static class CurveBenchmark
{
    public const double Target = 10_000_000;

    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var folder = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "takt-curves-bench");
        Directory.CreateDirectory(folder);
        var curve = MixedCurve(1_000, seed: 6);
        var frames = quick ? 2_000_000 : 20_000_000;
        var span = curve.Keys[^1].Frame - curve.Keys[0].Frame;
        var step = (span + 20) / frames;
        var start = curve.Keys[0].Frame - 10;
        var values = new double[frames];

        // Warm-up so the tiered JIT has produced the optimised loop before timing.
        for (var i = 0; i < 3; i++)
        {
            curve.SampleInto(values.AsSpan(0, Math.Min(frames, 500_000)), start, step * (frames / (double)Math.Min(frames, 500_000)));
        }

        var walk = Best(3, () => curve.SampleInto(values, start, step));
        var random = new Random(7);
        var shuffled = new double[Math.Min(frames, 2_000_000)];
        for (var i = 0; i < shuffled.Length; i++)
        {
            shuffled[i] = start + (random.NextDouble() * (span + 20));
        }

        var sink = 0.0;
        var single = Best(3, () =>
        {
            foreach (var frame in shuffled)
            {
                sink += curve.Sample(frame);
            }
        });

        File.WriteAllBytes(Path.Combine(folder, "curves-curve.json"), curve.ToCanonicalJson());
        var checkFrames = Enumerable.Range(0, 2_000).Select(i => start + (i * (span + 20) / 1_999)).ToArray();
        File.WriteAllLines(Path.Combine(folder, "curves-check.txt"), checkFrames.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f:R} {curve.Sample(f):R}")));
        var walkRate = frames / walk;
        var sampleRate = shuffled.Length / single;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT curves keys={curve.Keys.Count} frames={frames} evals_per_s={walkRate:F0} sample_evals_per_s={sampleRate:F0} target={Target:F0} meets_target={(walkRate >= Target ? "yes" : "no")} checksum={sink % 1000:F3}"));
        return 0;
    }

    /// <summary>The fastest of <paramref name="runs"/> timings, in seconds (the least disturbed by other work on the machine).</summary>
    private static double Best(int runs, Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }

    /// <summary>Keys a random 1–10 frames apart; a quarter each linear and bezier, the rest constant and the nine easings.</summary>
    public static Curve MixedCurve(int count, int seed)
    {
        var random = new Random(seed);
        var keys = new List<CurveKey>(count);
        var frame = 0.0;
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(8);
            var interpolation = pick switch
            {
                0 or 1 => CurveInterpolation.Linear,
                2 or 3 => CurveInterpolation.Bezier,
                4 => CurveInterpolation.Constant,
                _ => (CurveInterpolation)((int)CurveInterpolation.EaseInQuad + random.Next(9)),
            };
            var bezier = interpolation == CurveInterpolation.Bezier;
            keys.Add(new CurveKey(frame, Math.Round((random.NextDouble() * 200) - 100, 3), interpolation)
            {
                Out = bezier ? new CurveHandle(Math.Round(random.NextDouble(), 3), Math.Round((random.NextDouble() * 2) - 0.5, 3)) : null,
                In = bezier ? new CurveHandle(Math.Round(random.NextDouble(), 3), Math.Round((random.NextDouble() * 2) - 0.5, 3)) : null,
            });
            frame += 1 + random.Next(10);
        }

        return Curve.TryCreate(keys, out var curve, out var problem) ? curve! : throw new InvalidOperationException(problem);
    }
}
