using System.Globalization;
using System.Text;
using Takt.Domain.Datasets;

namespace Takt.Archive.Datasets.Layouts;

/// <summary>
/// kohya-ss sd-scripts: img/N_concept/stem.png + stem.txt, conditioning/N_concept/stem.png, and a
/// dataset_config.toml. With a config file kohya ignores the N_ folder prefix, so num_repeats and
/// class_tokens are written explicitly; the folder name still works for --train_data_dir users.
/// </summary>
internal static class KohyaLayout
{
    public const string ConfigFile = "dataset_config.toml";

    public static async Task WriteAsync(DatasetRecipe recipe, IReadOnlyList<LayoutSample> samples, LayoutFiles files, CancellationToken cancellationToken)
    {
        var target = recipe.Target;
        var conditioning = DatasetLayouts.HasConditioning(samples);
        if (DatasetLayouts.HasMasks(samples))
        {
            throw new ArgumentException("kohya reads masks from the image's alpha (alpha_mask), not from mask files", nameof(samples));
        }

        // ControlNet subsets are validated against a schema without alpha_mask or class_tokens
        // (config_util.py CN_SUBSET_*): writing them fails the run with "extra keys not allowed".
        if (conditioning && target.Colour == ColourMode.Rgba)
        {
            throw new NotSupportedException("kohya's ControlNet subsets cannot take alpha_mask: choose a conditioning image or an RGBA target, not both");
        }

        var folder = FormattableString.Invariant($"{target.Repeats}_{DatasetStems.Folder(recipe.Concept)}");
        var imageDir = $"img/{folder}";
        var conditioningDir = $"conditioning/{folder}";
        foreach (var sample in samples)
        {
            await files.CopyAsync(sample.MediaFile, $"{imageDir}/{sample.Stem}.png", LayoutEntryKind.Media, sample.Stem, cancellationToken);
            await files.WriteTextAsync($"{imageDir}/{sample.Stem}.txt", LayoutFiles.CaptionText(sample), LayoutEntryKind.Caption, sample.Stem, cancellationToken);
            if (sample.ConditioningFile is { } cond)
            {
                await files.CopyAsync(cond, $"{conditioningDir}/{sample.Stem}.png", LayoutEntryKind.Conditioning, sample.Stem, cancellationToken);
            }
        }

        var toml = Config(recipe, imageDir, conditioning ? conditioningDir : null);
        await files.WriteTextAsync(ConfigFile, toml, LayoutEntryKind.Config, null, cancellationToken);
    }

    /// <summary>
    /// Only keys kohya's voluptuous ConfigSanitizer accepts: an unknown key fails the run. Keys go on
    /// the dataset rather than [general] so the one dataset reads self-contained.
    /// </summary>
    internal static string Config(DatasetRecipe recipe, string imageDir, string? conditioningDir)
    {
        var target = recipe.Target;
        var text = new StringBuilder();
        text.Append("# kohya-ss sd-scripts dataset config, written by Takt.\n")
            .Append("# Paths are relative to this folder: run the trainer with it as the working directory.\n")
            .Append("# Images are already at their bucket size, so kohya neither resizes nor crops them.\n")
            .Append('\n')
            .Append("[general]\n")
            .Append('\n')
            .Append("[[datasets]]\n")
            .Append(CultureInfo.InvariantCulture, $"resolution = [{target.Resolution.Width}, {target.Resolution.Height}]\n")
            .Append("batch_size = 1\n")
            .Append("enable_bucket = true\n")
            .Append(CultureInfo.InvariantCulture, $"min_bucket_reso = {target.MinBucket}\n")
            .Append(CultureInfo.InvariantCulture, $"max_bucket_reso = {target.MaxBucket}\n")
            .Append(CultureInfo.InvariantCulture, $"bucket_reso_steps = {target.BucketStep}\n")
            .Append("bucket_no_upscale = false\n")
            .Append('\n')
            .Append("  [[datasets.subsets]]\n")
            .Append(CultureInfo.InvariantCulture, $"  image_dir = {LayoutFiles.Toml(imageDir)}\n")
            .Append("  caption_extension = \".txt\"\n")
            .Append(CultureInfo.InvariantCulture, $"  num_repeats = {target.Repeats}\n");
        if (conditioningDir is not null)
        {
            // kohya pairs by stem and asserts no missing and no extra conditioning images.
            text.Append(CultureInfo.InvariantCulture, $"  conditioning_data_dir = {LayoutFiles.Toml(conditioningDir)}\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"  class_tokens = {LayoutFiles.Toml(recipe.Concept)}\n");
            if (target.Colour == ColourMode.Rgba)
            {
                text.Append("  alpha_mask = true\n");
            }
        }

        return text.ToString();
    }
}
