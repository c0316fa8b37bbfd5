namespace Takt.Domain.Datasets;

/// <summary>What a derived image is to the trainer.</summary>
public enum ImageRole
{
    /// <summary>The training image.</summary>
    Image,

    /// <summary>A ControlNet conditioning image, pixel-aligned with its target.</summary>
    Conditioning,

    /// <summary>A training mask from the image's alpha: white trains, black is ignored.</summary>
    Mask,
}
