namespace Takt.Domain.Rights;

/// <summary>
/// A rights holder's withdrawal of consent. It takes effect at <see cref="EffectiveAt"/> for all new
/// use; existing datasets and models must be remediated by <see cref="RemovalDeadline"/>.
/// Consent given again after <see cref="EffectiveAt"/> (a new grant) is a new decision and is honoured.
/// </summary>
public sealed record Revocation(
    IReadOnlySet<Purpose> Purposes,
    DateTimeOffset EffectiveAt,
    DateTimeOffset RemovalDeadline,
    bool RetrainFromScratch,
    string? Reason = null)
{
    public bool Covers(Purpose purpose) => Purposes.Contains(purpose);

    /// <summary>A revocation for the purposes given, with the deadline and retrain rule from tenant policy.</summary>
    public static Revocation Under(Tenancy.TenantPolicy policy, IEnumerable<Purpose> purposes, DateTimeOffset effectiveAt, bool? retrainFromScratch = null, string? reason = null) =>
        new(purposes.ToHashSet(), effectiveAt, effectiveAt + policy.RemovalDeadline, retrainFromScratch ?? policy.RetrainFromScratch, reason);
}
