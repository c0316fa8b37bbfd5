namespace Takt.Domain.Datasets;

public static class DatasetFormats
{
    public static string Name(DatasetFormat format) => format switch
    {
        DatasetFormat.Kohya => "kohya",
        DatasetFormat.OneTrainer => "onetrainer",
        DatasetFormat.ImageFolder => "imagefolder",
        DatasetFormat.WebDataset => "webdataset",
        DatasetFormat.VideoClips => "video-clips",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static bool TryParse(string? text, out DatasetFormat format)
    {
        foreach (var candidate in Enum.GetValues<DatasetFormat>())
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }

        format = default;
        return false;
    }

    public static IEnumerable<string> Names => Enum.GetValues<DatasetFormat>().Select(Name);
}
