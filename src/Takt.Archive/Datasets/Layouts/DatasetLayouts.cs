using Takt.Domain.Datasets;

namespace Takt.Archive.Datasets.Layouts;

/// <summary>
/// Writes samples in the layout a trainer reads. The derived files are already at their bucket
/// size, so layouts only copy them and write captions and configs; the output is byte-deterministic
/// (samples in ordinal stem order, UTF-8 without BOM, "\n", no timestamps).
/// </summary>
public static class DatasetLayouts
{
    /// <summary>
    /// Writes into <paramref name="root"/>, an existing empty staging folder, and returns one entry per
    /// file written (tar members as well as shards), sorted by path.
    /// </summary>
    public static async Task<IReadOnlyList<LayoutEntry>> WriteAsync(
        DatasetRecipe recipe, IReadOnlyList<LayoutSample> samples, string root, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root) || Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new ArgumentException($"{root} must be an existing empty folder", nameof(root));
        }

        var ordered = Ordered(samples);
        var files = new LayoutFiles(root);
        var write = recipe.Target.Format switch
        {
            DatasetFormat.Kohya => KohyaLayout.WriteAsync(recipe, ordered, files, cancellationToken),
            DatasetFormat.OneTrainer => OneTrainerLayout.WriteAsync(recipe, ordered, files, cancellationToken),
            DatasetFormat.ImageFolder => ImageFolderLayout.WriteAsync(ordered, files, cancellationToken),
            DatasetFormat.WebDataset => WebDatasetLayout.WriteAsync(recipe, ordered, files, cancellationToken),
            DatasetFormat.VideoClips => VideoClipLayout.WriteAsync(recipe, ordered, files, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(recipe), recipe.Target.Format, "no layout for this format"),
        };
        await write;
        return files.Entries;
    }

    /// <summary>
    /// Samples in ordinal stem order, after checking what every layout relies on: stems are
    /// [a-z0-9-] and unique, and a sidecar (conditioning, mask) is on every sample or on none, since
    /// kohya asserts no missing conditioning images and HF's webdataset loader wants one field set.
    /// </summary>
    internal static IReadOnlyList<LayoutSample> Ordered(IReadOnlyList<LayoutSample> samples)
    {
        var ordered = samples.OrderBy(s => s.Stem, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            var stem = ordered[i].Stem;
            if (stem.Length == 0 || !stem.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                throw new ArgumentException($"stem '{stem}' must be [a-z0-9-] (see DatasetStems)", nameof(samples));
            }

            if (i > 0 && string.Equals(ordered[i - 1].Stem, stem, StringComparison.Ordinal))
            {
                throw new ArgumentException($"stem '{stem}' is used twice", nameof(samples));
            }

            _ = LayoutFiles.CaptionText(ordered[i]);
        }

        AllOrNone(ordered, s => s.ConditioningFile, "a conditioning image");
        AllOrNone(ordered, s => s.MaskFile, "a mask");
        return ordered;
    }

    internal static bool HasConditioning(IReadOnlyList<LayoutSample> samples) => samples.Count > 0 && samples[0].ConditioningFile is not null;

    internal static bool HasMasks(IReadOnlyList<LayoutSample> samples) => samples.Count > 0 && samples[0].MaskFile is not null;

    private static void AllOrNone(LayoutSample[] samples, Func<LayoutSample, string?> file, string what)
    {
        var with = samples.Count(s => file(s) is not null);
        if (with != 0 && with != samples.Length)
        {
            var missing = samples.First(s => file(s) is null).Stem;
            throw new ArgumentException($"{with} of {samples.Length} samples have {what} but {missing} has none: it must be all or none", nameof(samples));
        }
    }
}
