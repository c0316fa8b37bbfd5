using Takt.Domain.Rights;
using Takt.Domain.Tenancy;

namespace Takt.Domain.Consent;

/// <summary>
/// The consent decision: a pure function of an asset's rights as of a moment. Every dataset
/// export, generation and explanation goes through <see cref="Decide"/>, so "why is this asset
/// in or out?" always has the same answer.
/// </summary>
public static class ConsentPolicy
{
    /// <summary>Bumped whenever the rules below change, so dataset manifests record which rules filtered them.</summary>
    public const int Version = 2;

    public static ConsentDecision Decide(ConsentSubject asset, Purpose purpose, TenantScope scope, DateTimeOffset at)
    {
        var reasons = new List<DenialReason>();
        var conditions = new List<string>();
        var notes = new List<string>();

        if (scope.Tenant is { } requester && requester != asset.Tenant)
        {
            reasons.Add(new OtherTenant(asset.Tenant, scope));
        }

        var poolInvolved = scope.IsSharedPool || purpose == Purpose.SharedPoolTraining;
        if (poolInvolved && !asset.Policy.ContributesToSharedPool)
        {
            reasons.Add(new TenantNotInSharedPool());
        }

        if (purpose.IsTraining() && asset.Policy.ExcludedFromTraining.Contains(asset.Category))
        {
            reasons.Add(new CategoryExcluded(asset.Category));
        }

        Evaluate(asset, purpose, at, reasons, conditions, notes);

        // The shared pool reaches into a tenant's material only with consent to feed it,
        // on top of consent for the use itself; naming someone in credits needs no more.
        if (scope.IsSharedPool && purpose is not (Purpose.SharedPoolTraining or Purpose.CreditsDisplay))
        {
            Evaluate(asset, Purpose.SharedPoolTraining, at, reasons, conditions, notes);
        }

        return new ConsentDecision
        {
            IsAllowed = reasons.Count == 0,
            Reasons = reasons,
            Conditions = reasons.Count == 0 ? conditions.Distinct(StringComparer.Ordinal).ToList() : [],
            Notes = notes,
        };
    }

    /// <summary>The decision for every purpose, for summaries and the asset page.</summary>
    public static IReadOnlyDictionary<Purpose, ConsentDecision> DecideAll(ConsentSubject asset, TenantScope scope, DateTimeOffset at) =>
        Purposes.All.ToDictionary(p => p, p => Decide(asset, p, scope, at));

    private static int Restrictiveness(ConsentState state) => state switch
    {
        ConsentState.NotAllowed => 2,
        ConsentState.Constrained => 1,
        _ => 0,
    };

    private static void Evaluate(ConsentSubject asset, Purpose purpose, DateTimeOffset at, List<DenialReason> reasons, List<string> conditions, List<string> notes)
    {
        var revocation = asset.Revocations
            .Where(r => r.Covers(purpose) && r.EffectiveAt <= at)
            .MaxBy(r => r.EffectiveAt);

        // Only statements in force at `at` count, and after a withdrawal only consent given again later.
        var grants = asset.Grants
            .Where(g => g.Purpose == purpose && g.EffectiveFrom <= at && (revocation is null || g.EffectiveFrom > revocation.EffectiveAt))
            .ToList();

        // An "unspecified" statement after a withdrawal is not consent given again: the licence must not revive it.
        if (revocation is not null && grants.TrueForAll(g => g.State == ConsentState.Unspecified))
        {
            reasons.Add(new Revoked(purpose, revocation.EffectiveAt, revocation.RemovalDeadline, revocation.RetrainFromScratch, revocation.Reason));
            return;
        }

        // Statements from the same source at the same moment (one manifest saying both
        // ai_training and ai_generative_training) tie; the most restrictive wins, then the
        // evidence text, so the decision and its reason never depend on storage order.
        var stated = grants.Where(g => g.State != ConsentState.Unspecified).ToList();
        var winner = stated
            .OrderByDescending(g => g.Source)
            .ThenByDescending(g => g.EffectiveFrom)
            .ThenByDescending(g => Restrictiveness(g.State))
            .ThenBy(g => g.Evidence, StringComparer.Ordinal)
            .FirstOrDefault();

        if (winner is not null)
        {
            foreach (var overridden in stated.Where(g => g.Source < winner.Source && g.State != winner.State).Select(g => g.Source).Distinct().OrderDescending())
            {
                notes.Add($"{Purposes.Name(purpose)}: {ConsentRefused.SourceName(winner.Source)} takes precedence over {ConsentRefused.SourceName(overridden)}");
            }
        }

        switch (winner?.State)
        {
            case ConsentState.Allowed:
                notes.Add($"{Purposes.Name(purpose)}: allowed by {ConsentRefused.SourceName(winner.Source)}");
                AddLicenceCondition(asset.Licence, conditions);
                return;
            case ConsentState.NotAllowed:
                reasons.Add(new ConsentRefused(purpose, winner.Source, winner.Evidence));
                return;
            case ConsentState.Constrained when !string.IsNullOrWhiteSpace(winner.Terms):
                conditions.Add($"{Purposes.Name(purpose)} only under the terms: {winner.Terms}");
                AddLicenceCondition(asset.Licence, conditions);
                return;
            case ConsentState.Constrained:
                reasons.Add(new ConstrainedWithoutTerms(purpose));
                return;
        }

        // Nothing stated: an open licence is consent given in advance; anything else is not.
        if (asset.Licence.IsPublicDomain)
        {
            notes.Add($"{Purposes.Name(purpose)}: no statement, but {asset.Licence.SpdxId} permits any use");
        }
        else if (asset.Licence.RequiresAttributionOnly)
        {
            notes.Add($"{Purposes.Name(purpose)}: no statement, but {asset.Licence.SpdxId} permits use with credit");
            AddLicenceCondition(asset.Licence, conditions);
        }
        else
        {
            reasons.Add(new NoConsent(purpose));
        }
    }

    private static void AddLicenceCondition(Licence licence, List<string> conditions)
    {
        if (licence.RequiresAttributionOnly)
        {
            conditions.Add($"credit the rights holders as {licence.SpdxId} requires");
        }

        if (licence.CustomTerms is { } terms)
        {
            conditions.Add($"honour the licence terms: {terms}");
        }
    }
}
