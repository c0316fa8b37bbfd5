namespace Takt.Domain.Datasets;

/// <summary>
/// The bucket sets trainers build and the choice they make for an image, reproduced exactly so a
/// dataset written at the chosen size is used as is. Sources: kohya-ss library/model_util.py
/// make_bucket_resolutions and train_util.BucketManager.select_bucket; Nerogar/mgds
/// AspectBucketing; musubi-tuner dataset/bucket.py (research notes data.md §1).
/// </summary>
public sealed class AspectBuckets
{
    private static readonly (double H, double W)[] OneTrainerAspects =
        [(1.0, 1.0), (1.0, 1.25), (1.0, 1.5), (1.0, 1.75), (1.0, 2.0), (1.0, 2.5), (1.0, 3.0), (1.0, 3.5), (1.0, 4.0)];

    private readonly HashSet<PixelSize> _set;

    private readonly bool _heightOverWidth;

    private AspectBuckets(IEnumerable<PixelSize> buckets, bool heightOverWidth = false)
    {
        Sizes = buckets.Distinct().Order(Comparer<PixelSize>.Create((a, b) => a.Width != b.Width ? a.Width.CompareTo(b.Width) : a.Height.CompareTo(b.Height))).ToArray();
        _set = [.. Sizes];
        _heightOverWidth = heightOverWidth;
    }

    /// <summary>Sorted by width, then height (Python's tuple order), which decides ties like kohya's argmin.</summary>
    public IReadOnlyList<PixelSize> Sizes { get; }

    public static AspectBuckets For(TargetSpec target) => target.BucketRule switch
    {
        BucketRule.Kohya => Kohya(target.Resolution, target.MinBucket, target.MaxBucket, target.BucketStep),
        BucketRule.OneTrainer => OneTrainer(Math.Sqrt(target.Resolution.Area), target.BucketStep),
        BucketRule.Musubi => Musubi(target.Resolution, target.BucketStep),
        BucketRule.Fixed => new AspectBuckets([target.Resolution]),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.BucketRule, null),
    };

    public static AspectBuckets Kohya(PixelSize resolution, int minSize, int maxSize, int step)
    {
        (minSize, maxSize) = KohyaMinMax(minSize, maxSize, step);
        var maxArea = resolution.Area;
        var square = (int)(Math.Sqrt(maxArea) / step) * step;
        var sizes = new List<PixelSize> { new(square, square) };
        for (var width = minSize; width <= maxSize; width += step)
        {
            var height = (int)Math.Min(maxSize, maxArea / width / step * step);
            if (height >= minSize)
            {
                sizes.Add(new PixelSize(width, height));
                sizes.Add(new PixelSize(height, width));
            }
        }

        return new AspectBuckets(sizes);
    }

    /// <summary>
    /// kohya's adjust_min_max_bucket_reso_by_steps: the minimum is floored and the maximum raised
    /// to a multiple of the step before the buckets are made.
    /// </summary>
    public static (int Min, int Max) KohyaMinMax(int minSize, int maxSize, int step) =>
        (minSize - (minSize % step), maxSize % step == 0 ? maxSize : maxSize + step - (maxSize % step));

    public static AspectBuckets OneTrainer(double targetResolution, int quantization)
    {
        var sizes = new List<PixelSize>();
        foreach (var (h0, w0) in OneTrainerAspects)
        {
            foreach (var (h, w) in new[] { (h0, w0), (w0, h0) })
            {
                var norm = Math.Sqrt(h * w);
                // Python's round() is round-half-to-even, as is Math.Round's default.
                var height = (int)Math.Round(h / norm * targetResolution / quantization) * quantization;
                var width = (int)Math.Round(w / norm * targetResolution / quantization) * quantization;
                sizes.Add(new PixelSize(width, height));
            }
        }

        // mgds measures aspect as height / width (bucket_for_aspect), not width / height like kohya
        // and musubi; the nearest bucket differs between the two (a 207×233 image: 1024² vs 896×1152).
        return new AspectBuckets(sizes, heightOverWidth: true);
    }

    public static AspectBuckets Musubi(PixelSize resolution, int step)
    {
        var area = resolution.Area;
        var sqrt = (int)Math.Sqrt(area);
        var min = sqrt / 2 / step * step;
        var sizes = new List<PixelSize>();
        for (var width = min; width < sqrt + step; width += step)
        {
            var height = (int)(area / width / step * step);
            if (width > 0 && height > 0)
            {
                sizes.Add(new PixelSize(width, height));
                sizes.Add(new PixelSize(height, width));
            }
        }

        return new AspectBuckets(sizes);
    }

    /// <summary>
    /// The image's own size when it is a bucket, else the first bucket of least aspect error, the
    /// aspect taken as the trainer takes it. (mgds breaks exact ties in Python set order, which
    /// this does not reproduce; an exact tie needs an image halfway between two bucket aspects.)
    /// </summary>
    public PixelSize Select(PixelSize image)
    {
        if (_set.Contains(image))
        {
            return image;
        }

        var aspect = Aspect(image);
        var best = Sizes[0];
        var bestError = double.PositiveInfinity;
        foreach (var size in Sizes)
        {
            var error = Math.Abs(Aspect(size) - aspect);
            if (error < bestError)
            {
                best = size;
                bestError = error;
            }
        }

        return best;
    }

    private double Aspect(PixelSize size) => _heightOverWidth ? (double)size.Height / size.Width : (double)size.Width / size.Height;

    public CropPlan Plan(PixelSize image) => CropPlan.Cover(image, Select(image));
}
