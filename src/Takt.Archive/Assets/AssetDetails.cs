using Takt.Archive.Rights;
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

    /// <summary>Every consent statement and withdrawal of the asset's work, and today's decisions.</summary>
    public required ConsentRecord Consent { get; init; }
}
