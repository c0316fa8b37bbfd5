using System.Text.Json;

namespace Takt.Domain.Datasets;

/// <summary>
/// Everything that decides a derived image's bytes besides its source and the tools: scale and crop,
/// pixel format, flattening, role. Its canonical JSON is part of the derivation key.
/// </summary>
public sealed record ImageTransform(CropPlan Crop, int BitDepth, ColourMode Colour, string Background, ImageRole Role)
{
    /// <summary>The resampling kernel; Lanczos3 on premultiplied alpha, always.</summary>
    public const string Kernel = "lanczos3";

    public static ImageTransform For(TargetSpec target, CropPlan crop, ImageRole role) => role switch
    {
        // A mask is one grey channel at 8 bits whatever the images are.
        ImageRole.Mask => new ImageTransform(crop, 8, ColourMode.Grey, target.Background, role),
        _ => new ImageTransform(crop, target.BitDepth, target.Colour, target.Background, role),
    };

    public string ToCanonicalJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("role", Role.ToString().ToLowerInvariant());
            json.WriteString("source", Crop.Source.ToString());
            json.WriteString("scaled", Crop.Scaled.ToString());
            json.WriteNumber("cropX", Crop.CropX);
            json.WriteNumber("cropY", Crop.CropY);
            json.WriteString("bucket", Crop.Bucket.ToString());
            json.WriteString("kernel", Kernel);
            json.WriteBoolean("premultiplied", true);
            json.WriteNumber("bitDepth", BitDepth);
            json.WriteString("colour", Colour.ToString().ToLowerInvariant());
            json.WriteString("background", Colour == ColourMode.Rgba ? "none" : Background.ToUpperInvariant());
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
