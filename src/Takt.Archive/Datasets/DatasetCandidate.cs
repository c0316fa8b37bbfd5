using Takt.Domain.Consent;
using Takt.Persistence.Archive;

namespace Takt.Archive.Datasets;

/// <summary>A selected asset with the consent decision for the recipe's purpose and scope.</summary>
public sealed record DatasetCandidate(AssetRow Asset, ConsentDecision Decision)
{
    public string DecisionText => Decision.Conditions.Count == 0 ? "allowed" : $"allowed: {string.Join("; ", Decision.Conditions)}";

    public IReadOnlyList<Domain.Datasets.ManifestReason> DenialReasons =>
        Decision.Reasons.Select(r => new Domain.Datasets.ManifestReason(r.Code, r.Describe())).ToArray();
}
