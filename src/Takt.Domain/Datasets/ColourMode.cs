namespace Takt.Domain.Datasets;

/// <summary>The pixel layout a target wants. RGB flattens layers over the spec's background.</summary>
public enum ColourMode
{
    Rgb,
    Rgba,
    Grey,
}
