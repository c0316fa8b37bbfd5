namespace Takt.Domain.Datasets;

/// <summary>
/// How one image becomes one bucket: scale the whole source to <see cref="Scaled"/> (covering the
/// bucket), then cut the bucket out at (<see cref="CropX"/>, <see cref="CropY"/>). The output is
/// exactly <see cref="Bucket"/>, so a trainer that buckets the same way neither resizes nor crops.
/// </summary>
public sealed record CropPlan(PixelSize Source, PixelSize Scaled, int CropX, int CropY, PixelSize Bucket)
{
    public bool IsIdentity => Source == Bucket;

    /// <summary>Scale to cover the bucket (match the side that leaves no gap), then centre the crop.</summary>
    public static CropPlan Cover(PixelSize source, PixelSize bucket)
    {
        if (source == bucket)
        {
            return new CropPlan(source, source, 0, 0, bucket);
        }

        // kohya's trim_and_resize_if_required: wider than the bucket → match height, otherwise
        // match width; each side rounded with int(x + 0.5), never below the bucket.
        PixelSize scaled;
        if (source.Aspect > bucket.Aspect)
        {
            var width = (int)((source.Width * ((double)bucket.Height / source.Height)) + 0.5);
            scaled = new PixelSize(Math.Max(width, bucket.Width), bucket.Height);
        }
        else
        {
            var height = (int)((source.Height * ((double)bucket.Width / source.Width)) + 0.5);
            scaled = new PixelSize(bucket.Width, Math.Max(height, bucket.Height));
        }

        return new CropPlan(source, scaled, (scaled.Width - bucket.Width) / 2, (scaled.Height - bucket.Height) / 2, bucket);
    }
}
