namespace Takt.Domain.Datasets;

/// <summary>
/// What a trainer wants: layout, resolution and buckets, pixels, captions, pairing. Everything that
/// changes output bytes is here, and all of it goes into each output's derivation key.
/// </summary>
public sealed record TargetSpec
{
    public required DatasetFormat Format { get; init; }

    /// <summary>The training resolution; buckets keep its area (kohya, OneTrainer, musubi) or equal it (fixed).</summary>
    public PixelSize Resolution { get; init; } = new(1024, 1024);

    public BucketRule BucketRule { get; init; } = BucketRule.Kohya;

    public int BucketStep { get; init; } = 64;

    public int MinBucket { get; init; } = 256;

    public int MaxBucket { get; init; } = 2048;

    /// <summary>8 or 16 bits per channel (PNG).</summary>
    public int BitDepth { get; init; } = 8;

    public ColourMode Colour { get; init; } = ColourMode.Rgb;

    /// <summary>What transparent pixels are flattened over when the target has no alpha, as #RRGGBB.</summary>
    public string Background { get; init; } = "#FFFFFF";

    public CaptionSource Captions { get; init; } = CaptionSource.LayerMetadata;

    /// <summary>For <see cref="CaptionSource.CaptionFile"/>: the JSON file, as given in the recipe.</summary>
    public string? CaptionFile { get; init; }

    /// <summary>Concept name: kohya's class tokens and folder, OneTrainer's concept. Defaults to the recipe name.</summary>
    public string? Concept { get; init; }

    public int Repeats { get; init; } = 1;

    /// <summary>A layer kind paired with each image as its ControlNet conditioning (same file or cut, same name).</summary>
    public string? Conditioning { get; init; }

    /// <summary>Write the image's alpha as a training mask (OneTrainer -masklabel, imagefolder mask column).</summary>
    public bool Masks { get; init; }

    /// <summary>WebDataset: a shard is closed before it would exceed this many bytes.</summary>
    public long ShardMaxBytes { get; init; } = 1L << 30;

    /// <summary>Video clips: frames per clip, 4k+1 (33, 49, 81 …).</summary>
    public int ClipFrames { get; init; } = 33;

    /// <summary>Video clips: the frame rate clips are encoded at.</summary>
    public int Fps { get; init; } = 24;
}
