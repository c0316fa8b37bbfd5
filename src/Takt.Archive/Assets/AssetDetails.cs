using Takt.Persistence.Archive;

namespace Takt.Archive.Assets;

public sealed record AssetDetails
{
    public required AssetSummary Summary { get; init; }

    public required AssetRow Asset { get; init; }

    public required WorkRow Work { get; init; }

    public string? Author { get; init; }

    public IReadOnlyList<string> RightsHolders { get; init; } = [];

    public int LayerCount { get; init; }
}
