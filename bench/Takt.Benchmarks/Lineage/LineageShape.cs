namespace Takt.Benchmarks.Lineage;

/// <summary>
/// How big each layer of the synthetic graph is. <see cref="Full"/> is the production shape of the
/// issue (1M assets, 10k dataset versions, 1k models, 1M generations, about 10M edges);
/// <see cref="Quick"/> is about a fiftieth of it, keeping per-node shapes (dataset sizes, parents
/// per generation) the same so a quick run exercises the same code paths.
/// </summary>
/// <param name="PopularShare">Fraction of dataset versions that contain the one popular asset.</param>
public sealed record LineageShape(
    int Tenants,
    int Contributors,
    int Assets,
    int Datasets,
    int ExternalModels,
    int Models,
    int Generations,
    int Renders,
    double PopularShare)
{
    public static LineageShape Full { get; } = new(
        Tenants: 4, Contributors: 50_000, Assets: 1_000_000, Datasets: 10_000,
        ExternalModels: 12, Models: 1_000, Generations: 1_000_000, Renders: 40_000, PopularShare: 0.05);

    // Models are not divided by fifty: twenty models would leave no merges or LoRAs to speak of,
    // and models add few edges.
    public static LineageShape Quick { get; } = new(
        Tenants: 4, Contributors: 1_000, Assets: 20_000, Datasets: 200,
        ExternalModels: 4, Models: 80, Generations: 20_000, Renders: 800, PopularShare: 0.05);

    /// <summary>Share of contributors and assets in the shared common pool rather than a tenant.</summary>
    public const double SharedPoolShare = 0.05;

    /// <summary>Share of trained models that are merges of checkpoints rather than trained.</summary>
    public const double MergeShare = 0.15;

    /// <summary>Share of trained models that are LoRAs; the rest are full fine-tunes.</summary>
    public const double LoraShare = 0.6;
}
