using Takt.Domain.Datasets;

namespace Takt.Archive.Datasets.Layouts;

/// <summary>
/// OneTrainer: concepts/&lt;concept&gt;/stem.png + stem.txt, stem-masklabel.png and stem-condlabel.png
/// beside it (OneTrainer excludes those postfixes from the sample list), and a concepts.json.
/// </summary>
internal static class OneTrainerLayout
{
    public const string ConceptsFile = "concepts.json";

    /// <summary>ConceptConfig's config_version: with it OneTrainer runs no migrations over our fields.</summary>
    private const int ConfigVersion = 2;

    public static async Task WriteAsync(DatasetRecipe recipe, IReadOnlyList<LayoutSample> samples, LayoutFiles files, CancellationToken cancellationToken)
    {
        var folder = $"concepts/{DatasetStems.Folder(recipe.Concept)}";
        foreach (var sample in samples)
        {
            var stem = sample.Stem;
            await files.CopyAsync(sample.MediaFile, $"{folder}/{stem}.png", LayoutEntryKind.Media, stem, cancellationToken);
            await files.WriteTextAsync($"{folder}/{stem}.txt", LayoutFiles.CaptionText(sample), LayoutEntryKind.Caption, stem, cancellationToken);
            if (sample.MaskFile is { } mask)
            {
                await files.CopyAsync(mask, $"{folder}/{stem}-masklabel.png", LayoutEntryKind.Mask, stem, cancellationToken);
            }

            if (sample.ConditioningFile is { } cond)
            {
                await files.CopyAsync(cond, $"{folder}/{stem}-condlabel.png", LayoutEntryKind.Conditioning, stem, cancellationToken);
            }
        }

        await files.WriteTextAsync(ConceptsFile, Concepts(recipe, folder), LayoutEntryKind.Config, null, cancellationToken);
    }

    /// <summary>
    /// One ConceptConfig (modules/util/config/ConceptConfig.py). Fields left out keep OneTrainer's
    /// defaults, except the seed, whose default is random, and crop jitter and flips, which would
    /// move pixels of images that are already at their bucket size.
    /// </summary>
    internal static string Concepts(DatasetRecipe recipe, string folder) => LayoutFiles.Json(
        json =>
        {
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteNumber("__version", ConfigVersion);
            json.WriteString("name", recipe.Concept);
            // Relative: OneTrainer resolves it against its working directory, so train from the dataset folder.
            json.WriteString("path", folder);
            json.WriteBoolean("enabled", true);
            json.WriteString("type", "STANDARD");
            json.WriteBoolean("include_subdirectories", false);
            json.WriteNumber("image_variations", 1);
            json.WriteNumber("text_variations", 1);
            json.WriteNumber("balancing", (double)recipe.Target.Repeats);
            json.WriteString("balancing_strategy", "REPEATS");
            json.WriteNumber("loss_weight", 1.0);
            json.WriteNumber("seed", 0);
            json.WriteStartObject("image");
            json.WriteBoolean("enable_crop_jitter", false);
            json.WriteBoolean("enable_random_flip", false);
            json.WriteBoolean("enable_fixed_flip", false);
            json.WriteBoolean("enable_resolution_override", false);
            json.WriteEndObject();
            json.WriteStartObject("text");
            json.WriteString("prompt_source", "sample");
            json.WriteString("prompt_path", "");
            json.WriteBoolean("enable_tag_shuffling", false);
            json.WriteBoolean("tag_dropout_enable", false);
            json.WriteBoolean("caps_randomize_enable", false);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        },
        indented: true) + "\n";
}
