using System.Globalization;
using System.Text.Json;
using Takt.Domain.Archive;

namespace Takt.Domain.Datasets;

/// <summary>Reads target specs from JSON, applies format defaults, and refuses what a format cannot express.</summary>
public static class TargetSpecs
{
    private static readonly string[] Fields =
    [
        "format", "resolution", "bucketRule", "bucketStep", "minBucket", "maxBucket", "bitDepth", "colour", "background",
        "captions", "captionFile", "concept", "repeats", "conditioning", "masks", "shardMaxBytes", "clipFrames", "fps",
    ];

    public static BucketRule DefaultRule(DatasetFormat format) => format switch
    {
        DatasetFormat.Kohya or DatasetFormat.WebDataset => BucketRule.Kohya,
        DatasetFormat.OneTrainer => BucketRule.OneTrainer,
        DatasetFormat.ImageFolder => BucketRule.Fixed,
        DatasetFormat.VideoClips => BucketRule.Musubi,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static int DefaultStep(BucketRule rule) => rule == BucketRule.Musubi ? 16 : 64;

    /// <summary>Fields present in <paramref name="json"/> override <paramref name="current"/> (a new spec when null).</summary>
    public static TargetSpec Apply(TargetSpec? current, JsonElement json)
    {
        DatasetRecipe.Object(json, "target", Fields);
        DatasetFormat format;
        if (DatasetRecipe.Text(json, "format") is { } f)
        {
            if (!DatasetFormats.TryParse(f, out format))
            {
                throw new DatasetRecipeException($"'target.format' '{f}' is not one of {string.Join(", ", DatasetFormats.Names)}");
            }
        }
        else
        {
            format = current?.Format ?? throw new DatasetRecipeException($"'target.format' is required (one of {string.Join(", ", DatasetFormats.Names)})");
        }

        var formatChanged = current is null || current.Format != format;
        var rule = formatChanged ? DefaultRule(format) : current!.BucketRule;
        if (DatasetRecipe.Text(json, "bucketRule") is { } r)
        {
            rule = System.Enum.GetValues<BucketRule>().FirstOrDefault(v => string.Equals(v.ToString(), r, StringComparison.OrdinalIgnoreCase), (BucketRule)(-1));
            if (!System.Enum.IsDefined(rule))
            {
                throw new DatasetRecipeException($"'target.bucketRule' '{r}' is not one of kohya, onetrainer, musubi, fixed");
            }
        }

        var ruleChanged = current is null || current.BucketRule != rule;
        var spec = (current ?? new TargetSpec { Format = format }) with { Format = format, BucketRule = rule };
        return spec with
        {
            Resolution = Resolution(json) ?? spec.Resolution,
            BucketStep = Int(json, "bucketStep") ?? (ruleChanged ? DefaultStep(rule) : spec.BucketStep),
            MinBucket = Int(json, "minBucket") ?? spec.MinBucket,
            MaxBucket = Int(json, "maxBucket") ?? spec.MaxBucket,
            BitDepth = Int(json, "bitDepth") ?? spec.BitDepth,
            Colour = Choice<ColourMode>(json, "colour", ["rgb", "rgba", "grey"]) ?? spec.Colour,
            Background = DatasetRecipe.Text(json, "background") ?? spec.Background,
            Captions = Choice<CaptionSource>(json, "captions", ["layer-metadata", "archive-text", "caption-file"]) ?? spec.Captions,
            CaptionFile = DatasetRecipe.Text(json, "captionFile") ?? spec.CaptionFile,
            Concept = DatasetRecipe.Text(json, "concept") ?? spec.Concept,
            Repeats = Int(json, "repeats") ?? spec.Repeats,
            Conditioning = Conditioning(json) ?? spec.Conditioning,
            Masks = json.TryGetProperty("masks", out var m) ? (m.ValueKind is JsonValueKind.True or JsonValueKind.False ? m.GetBoolean() : throw new DatasetRecipeException("'target.masks' must be true or false")) : spec.Masks,
            ShardMaxBytes = Long(json, "shardMaxBytes") ?? spec.ShardMaxBytes,
            ClipFrames = Int(json, "clipFrames") ?? spec.ClipFrames,
            Fps = Int(json, "fps") ?? spec.Fps,
        };
    }

    /// <summary>Every reason the spec cannot be written in its format, all at once.</summary>
    public static void Check(TargetSpec spec)
    {
        var problems = new List<string>();
        var format = DatasetFormats.Name(spec.Format);
        if (spec.Resolution.Width is < 64 or > 16384 || spec.Resolution.Height is < 64 or > 16384)
        {
            problems.Add($"'resolution' {spec.Resolution} must be between 64 and 16384 on each side");
        }

        if (spec.BucketStep is < 8 or > 1024 || spec.BucketStep % 8 != 0)
        {
            problems.Add($"'bucketStep' {spec.BucketStep} must be a multiple of 8 between 8 and 1024 (latents are 1/8 of the pixels)");
        }

        if (spec.MinBucket < spec.BucketStep || spec.MaxBucket < spec.MinBucket || spec.MaxBucket > 16384)
        {
            problems.Add($"'minBucket' {spec.MinBucket} and 'maxBucket' {spec.MaxBucket} need bucketStep ≤ min ≤ max ≤ 16384");
        }

        if (spec.BucketRule == BucketRule.Fixed && (spec.Resolution.Width % 8 != 0 || spec.Resolution.Height % 8 != 0))
        {
            problems.Add($"'resolution' {spec.Resolution} must be divisible by 8 for a fixed-size target");
        }

        if (spec.BitDepth is not (8 or 16))
        {
            problems.Add($"'bitDepth' {spec.BitDepth} must be 8 or 16");
        }

        if (!TryParseColour(spec.Background, out _))
        {
            problems.Add($"'background' '{spec.Background}' must be #RRGGBB");
        }

        if (spec.Captions == CaptionSource.CaptionFile && string.IsNullOrWhiteSpace(spec.CaptionFile))
        {
            problems.Add("'captions' is caption-file but 'captionFile' is not set");
        }

        if (spec.Repeats is < 1 or > 10000)
        {
            problems.Add($"'repeats' {spec.Repeats} must be between 1 and 10000");
        }

        if (spec.Repeats != 1 && spec.Format is DatasetFormat.ImageFolder or DatasetFormat.WebDataset)
        {
            problems.Add($"{format} has no notion of repeats: leave 'repeats' at 1 (sample weighting belongs to the training config)");
        }

        if (spec.Concept is { } concept && (concept.Length is 0 or > 64 || !concept.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ' ')))
        {
            problems.Add($"'concept' '{concept}' must be 1–64 letters, digits, spaces, '-' or '_'");
        }

        if (spec.Masks && spec.Format is DatasetFormat.Kohya or DatasetFormat.VideoClips)
        {
            problems.Add(spec.Format == DatasetFormat.Kohya
                ? "kohya reads masks from the image's own alpha (alpha_mask): use \"colour\": \"rgba\" instead of 'masks'"
                : "video-clips cannot carry masks");
        }

        if (spec.Masks && spec.Colour == ColourMode.Rgba)
        {
            problems.Add("'masks' writes the alpha as a separate mask; with \"colour\": \"rgba\" it would be written twice — choose one");
        }

        if (spec.Conditioning is not null && spec.Colour == ColourMode.Rgba && spec.Format == DatasetFormat.Kohya)
        {
            problems.Add("kohya's ControlNet subsets accept no alpha_mask: use \"colour\": \"rgb\" with 'conditioning'");
        }

        if (spec.Conditioning is not null && spec.Format == DatasetFormat.VideoClips)
        {
            problems.Add("video-clips cannot carry a conditioning image per clip");
        }

        if (spec.Format == DatasetFormat.WebDataset && spec.ShardMaxBytes < 1 << 20)
        {
            problems.Add($"'shardMaxBytes' {spec.ShardMaxBytes} must be at least 1 MiB");
        }

        if (spec.Format == DatasetFormat.VideoClips)
        {
            if (spec.ClipFrames < 5 || (spec.ClipFrames - 1) % 4 != 0 || spec.ClipFrames > 1025)
            {
                problems.Add($"'clipFrames' {spec.ClipFrames} must be 4k+1 (5, 9 … 33, 49, 81 …, at most 1025): video VAEs compress 4 frames to 1 after the first");
            }

            if (spec.Fps is < 1 or > 120)
            {
                problems.Add($"'fps' {spec.Fps} must be between 1 and 120");
            }

            if (spec.Colour != ColourMode.Rgb || spec.BitDepth != 8)
            {
                problems.Add("video-clips are 8-bit RGB (H.264 4:4:4): leave 'colour' at rgb and 'bitDepth' at 8");
            }
        }

        if (problems.Count > 0)
        {
            throw new DatasetRecipeException($"the target cannot be written as {format}: {string.Join("; ", problems)}");
        }
    }

    public static bool TryParseColour(string text, out (byte R, byte G, byte B) colour)
    {
        colour = default;
        if (text.Length != 7 || text[0] != '#' || !uint.TryParse(text.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            return false;
        }

        colour = ((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }

    private static PixelSize? Resolution(JsonElement json)
    {
        if (!json.TryGetProperty("resolution", out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var side) && side > 0)
        {
            return new PixelSize(side, side);
        }

        return value.ValueKind == JsonValueKind.String && PixelSize.TryParse(value.GetString(), out var size)
            ? size
            : throw new DatasetRecipeException("'target.resolution' must be a side (1024) or \"WIDTHxHEIGHT\" (\"1344x768\")");
    }

    private static string? Conditioning(JsonElement json)
    {
        if (DatasetRecipe.Text(json, "conditioning") is not { } text)
        {
            return null;
        }

        return LayerKinds.TryParse(text, out var kind)
            ? LayerKinds.Name(kind)
            : throw new DatasetRecipeException($"'target.conditioning' '{text}' is not a layer kind ({string.Join(", ", LayerKinds.CanonicalNames)})");
    }

    private static T? Choice<T>(JsonElement json, string name, string[] names)
        where T : struct, Enum
    {
        if (DatasetRecipe.Text(json, name) is not { } text)
        {
            return null;
        }

        var index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? System.Enum.GetValues<T>()[index] : throw new DatasetRecipeException($"'target.{name}' '{text}' is not one of {string.Join(", ", names)}");
    }

    private static int? Int(JsonElement json, string name) =>
        Long(json, name) is { } value ? (value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new DatasetRecipeException($"'target.{name}' is out of range")) : null;

    private static long? Long(JsonElement json, string name) =>
        !json.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
        : throw new DatasetRecipeException($"'target.{name}' must be a whole number");
}
