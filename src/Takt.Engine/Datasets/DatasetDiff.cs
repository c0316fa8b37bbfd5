using Takt.Domain.Datasets;

namespace Takt.Engine.Datasets;

/// <summary>What changed between two versions: samples by path, exclusions by asset.</summary>
public sealed record DatasetDiff(
    string From,
    string To,
    IReadOnlyList<ManifestSample> Added,
    IReadOnlyList<ManifestSample> Removed,
    IReadOnlyList<(ManifestSample From, ManifestSample To)> Changed,
    int Unchanged,
    IReadOnlyList<ManifestExclusion> NewlyExcluded,
    IReadOnlyList<ManifestExclusion> NoLongerExcluded);

/// <summary>Why an asset is in or out of one version.</summary>
public sealed record DatasetExplanation(string Dataset, string Version, string Verdict, IReadOnlyList<ManifestSample> Samples, IReadOnlyList<ManifestReason> Reasons);
