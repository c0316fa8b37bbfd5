using System.Globalization;

namespace Takt.Domain.Timeline.Otio;

/// <summary>A numbered frame sequence (OTIO's ImageSequenceReference), e.g. Takt's rendered frames.</summary>
public sealed class ImageSequenceReference : MediaReference
{
    public override string SchemaName => "ImageSequenceReference";

    public string TargetUrlBase { get; set; } = "";

    public string NamePrefix { get; set; } = "";

    public string NameSuffix { get; set; } = "";

    public long StartFrame { get; set; } = 1;

    public long FrameStep { get; set; } = 1;

    public double Rate { get; set; } = 1;

    public long FrameZeroPadding { get; set; }

    /// <summary>"error", "hold" or "black".</summary>
    public string MissingFramePolicy { get; set; } = "error";

    public int NumberOfImagesInSequence() =>
        AvailableRange is { } range ? range.Duration.ToFrames(Rate / FrameStep) : 0;

    public long FrameForTime(RationalTime time) =>
        StartFrame + (time - (AvailableRange?.StartTime ?? new RationalTime(0, Rate))).ToFrames(Rate);

    /// <summary>The URL of the image at <paramref name="imageNumber"/> (0-based index into the sequence).</summary>
    public string TargetUrlForImageNumber(int imageNumber)
    {
        var frame = StartFrame + (imageNumber * FrameStep);
        var digits = Math.Abs(frame).ToString(CultureInfo.InvariantCulture).PadLeft((int)FrameZeroPadding, '0');
        var slash = TargetUrlBase.Length > 0 && !TargetUrlBase.EndsWith('/') ? "/" : "";
        return $"{TargetUrlBase}{slash}{NamePrefix}{(frame < 0 ? "-" : "")}{digits}{NameSuffix}";
    }
}
