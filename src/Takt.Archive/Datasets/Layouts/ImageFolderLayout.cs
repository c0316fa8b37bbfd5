namespace Takt.Archive.Datasets.Layouts;

/// <summary>
/// Hugging Face datasets imagefolder: train/metadata.jsonl links each image, conditioning image and
/// mask by a path relative to train/ (datasets rejects absolute paths, ".." and schemes) and carries
/// the caption as "text", which is the column diffusers' ControlNet and text-to-image scripts read.
/// The metadata sits in the split folder: at the root some datasets versions ignore it (#6442).
/// </summary>
internal static class ImageFolderLayout
{
    public const string MetadataFile = "train/metadata.jsonl";

    public static async Task WriteAsync(IReadOnlyList<LayoutSample> samples, LayoutFiles files, CancellationToken cancellationToken)
    {
        var lines = new System.Text.StringBuilder();
        foreach (var sample in samples)
        {
            var stem = sample.Stem;
            var image = $"images/{stem}.png";
            var conditioning = sample.ConditioningFile is null ? null : $"conditioning/{stem}.png";
            var mask = sample.MaskFile is null ? null : $"masks/{stem}.png";
            await files.CopyAsync(sample.MediaFile, $"train/{image}", LayoutEntryKind.Media, stem, cancellationToken);
            if (sample.ConditioningFile is { } cond)
            {
                await files.CopyAsync(cond, $"train/{conditioning}", LayoutEntryKind.Conditioning, stem, cancellationToken);
            }

            if (sample.MaskFile is { } maskFile)
            {
                await files.CopyAsync(maskFile, $"train/{mask}", LayoutEntryKind.Mask, stem, cancellationToken);
            }

            // "file_name" becomes the image column, "<x>_file_name" becomes column <x>.
            lines.Append(LayoutFiles.Json(json =>
            {
                json.WriteStartObject();
                json.WriteString("file_name", image);
                if (conditioning is not null)
                {
                    json.WriteString("conditioning_image_file_name", conditioning);
                }

                if (mask is not null)
                {
                    json.WriteString("mask_file_name", mask);
                }

                json.WriteString("text", LayoutFiles.CaptionText(sample).TrimEnd('\n'));
                json.WriteEndObject();
            })).Append('\n');
        }

        await files.WriteTextAsync(MetadataFile, lines.ToString(), LayoutEntryKind.Config, null, cancellationToken);
    }
}
