using System.Globalization;
using System.Text;
using Takt.Domain.Datasets;

namespace Takt.Archive.Datasets.Layouts;

/// <summary>
/// Video clips for musubi-tuner and diffusion-pipe: videos/stem.mp4 with a same-stem .txt caption,
/// which both read from one directory, plus one dataset TOML for each.
/// </summary>
internal static class VideoClipLayout
{
    public const string MusubiFile = "musubi_dataset.toml";

    public const string DiffusionPipeFile = "diffusion_pipe_dataset.toml";

    private const string Header =
        "# Written by Takt. Paths are relative to this folder: run the trainer with it as the working directory.\n";

    public static async Task WriteAsync(DatasetRecipe recipe, IReadOnlyList<LayoutSample> samples, LayoutFiles files, CancellationToken cancellationToken)
    {
        var target = recipe.Target;
        if (DatasetLayouts.HasConditioning(samples) || DatasetLayouts.HasMasks(samples))
        {
            throw new ArgumentException("video clips carry no conditioning images or masks", nameof(samples));
        }

        foreach (var sample in samples)
        {
            // A shorter clip would be dropped by both trainers without an error (no frame bucket fits).
            if (sample.Frames is not { } frames || frames < target.ClipFrames)
            {
                throw new ArgumentException($"clip {sample.Stem} has {sample.Frames?.ToString(CultureInfo.InvariantCulture) ?? "no"} frames; the target needs {target.ClipFrames}", nameof(samples));
            }

            await files.CopyAsync(sample.MediaFile, $"videos/{sample.Stem}.mp4", LayoutEntryKind.Media, sample.Stem, cancellationToken);
            await files.WriteTextAsync($"videos/{sample.Stem}.txt", LayoutFiles.CaptionText(sample), LayoutEntryKind.Caption, sample.Stem, cancellationToken);
        }

        await files.WriteTextAsync(MusubiFile, Musubi(target), LayoutEntryKind.Config, null, cancellationToken);
        await files.WriteTextAsync(DiffusionPipeFile, DiffusionPipe(target, samples), LayoutEntryKind.Config, null, cancellationToken);
    }

    /// <summary>
    /// musubi-tuner (src/musubi_tuner/dataset/config_utils.py): only keys its voluptuous schema
    /// accepts. source_fps must be a TOML float (the schema says float; "24" fails), and with it
    /// musubi drops frames only if the model's rate differs from the clip's.
    /// </summary>
    internal static string Musubi(TargetSpec target) => new StringBuilder()
        .Append("# musubi-tuner dataset config.\n")
        .Append(Header)
        .Append('\n')
        .Append("[general]\n")
        .Append(CultureInfo.InvariantCulture, $"resolution = [{target.Resolution.Width}, {target.Resolution.Height}]\n")
        .Append("caption_extension = \".txt\"\n")
        .Append("batch_size = 1\n")
        .Append("enable_bucket = true\n")
        .Append("bucket_no_upscale = false\n")
        .Append('\n')
        .Append("[[datasets]]\n")
        .Append("video_directory = \"videos\"\n")
        .Append("cache_directory = \"cache\"\n")
        .Append(CultureInfo.InvariantCulture, $"target_frames = [{target.ClipFrames}]\n")
        .Append("frame_extraction = \"head\"\n")
        .Append(CultureInfo.InvariantCulture, $"source_fps = {target.Fps}.0\n")
        .Append(CultureInfo.InvariantCulture, $"num_repeats = {target.Repeats}\n")
        .ToString();

    /// <summary>
    /// diffusion-pipe (utils/dataset.py). The resolution is given as a [w, h] pair, which it reads as
    /// the exact area (a rounded side would not be). The AR buckets are the clips' own buckets, so no
    /// clip is cropped to another aspect; without them diffusion-pipe would need min_ar/max_ar.
    /// Frame bucket 1 is for images, which diffusion-pipe adds anyway; each clip goes to clipFrames.
    /// That needs the target's fps to be the model's: diffusion-pipe counts source_frames × model_fps
    /// / source_fps, so 33 frames at 24 fps are 22 for a 16 fps model and the clip is dropped.
    /// </summary>
    internal static string DiffusionPipe(TargetSpec target, IReadOnlyList<LayoutSample> samples)
    {
        var buckets = samples.Select(s => s.Bucket).Distinct()
            .OrderBy(b => b.Aspect).ThenBy(b => b.Width)
            .Select(b => FormattableString.Invariant($"[{b.Width}, {b.Height}]"));
        return new StringBuilder()
            .Append("# diffusion-pipe dataset config.\n")
            .Append(Header)
            .Append('\n')
            .Append(CultureInfo.InvariantCulture, $"resolutions = [[{target.Resolution.Width}, {target.Resolution.Height}]]\n")
            .Append("enable_ar_bucket = true\n")
            .Append(CultureInfo.InvariantCulture, $"ar_buckets = [{string.Join(", ", buckets)}]\n")
            .Append(CultureInfo.InvariantCulture, $"frame_buckets = [1, {target.ClipFrames}]\n")
            .Append('\n')
            .Append("[[directory]]\n")
            .Append("path = \"videos\"\n")
            .Append(CultureInfo.InvariantCulture, $"num_repeats = {target.Repeats}\n")
            .ToString();
    }
}
