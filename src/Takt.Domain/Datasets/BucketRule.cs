namespace Takt.Domain.Datasets;

/// <summary>Whose bucketing a target follows, so the trainer picks exactly the bucket Takt wrote.</summary>
public enum BucketRule
{
    /// <summary>kohya-ss make_bucket_resolutions: equal area, widths in steps, min/max side.</summary>
    Kohya,

    /// <summary>OneTrainer (mgds AspectBucketing): nine aspects both ways, quantised.</summary>
    OneTrainer,

    /// <summary>musubi-tuner: equal area, widths from √area/2 to √area in steps (16 by default).</summary>
    Musubi,

    /// <summary>One bucket: the target resolution itself (diffusers scripts crop to it).</summary>
    Fixed,
}
