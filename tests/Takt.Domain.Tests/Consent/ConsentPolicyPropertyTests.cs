using CsCheck;
using Takt.Domain.Consent;
using Takt.Domain.Rights;
using Takt.Domain.Tenancy;
using static Takt.Domain.Tests.Consent.ConsentGen;

namespace Takt.Domain.Tests.Consent;

/// <summary>Invariants of <see cref="ConsentPolicy.Decide"/> over random subjects, purposes, scopes and moments.</summary>
public sealed class ConsentPolicyPropertyTests
{
    private const long Iterations = 2_000;

    [Fact]
    public void Decide_RevocationInForceWithoutLaterConsent_NeverAllowed()
    {
        var gen = Gen.Select(Case, Gen.Int[0, 60], Gen.Bool, Gen.Bool);
        gen.Sample((c, minutesBefore, keepLaterUnspecified, retrain) =>
        {
            var (subject, purpose, scope, at) = c;
            var revokedAt = at.AddMinutes(-minutesBefore);
            var revocation = new Revocation(new HashSet<Purpose> { purpose }, revokedAt, revokedAt.AddDays(60), retrain);

            // No consent for the purpose given again after the withdrawal; an "unspecified" statement is not consent.
            var grants = subject.Grants
                .Where(g => g.Purpose != purpose || g.EffectiveFrom <= revokedAt
                            || (keepLaterUnspecified && g.State == ConsentState.Unspecified))
                .ToList();
            var revoked = subject with { Grants = grants, Revocations = [.. subject.Revocations, revocation] };

            var decision = ConsentPolicy.Decide(revoked, purpose, scope, at);

            Assert.False(decision.IsAllowed);
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_DoesNotDependOnTheOrderStatementsAreStoredIn()
    {
        // Storage returns grants in no promised order; ties (same source, same moment) are common here.
        Gen.Select(Case, Gen.Int[0, 1000]).Sample((c, seed) =>
        {
            var (subject, purpose, scope, at) = c;
            var shuffled = subject with { Grants = [.. subject.Grants.OrderBy(g => HashCode.Combine(g, seed))] };
            var reversed = subject with { Grants = [.. subject.Grants.Reverse()] };

            var expected = ConsentPolicy.Decide(subject, purpose, scope, at);
            foreach (var other in new[] { shuffled, reversed })
            {
                var decision = ConsentPolicy.Decide(other, purpose, scope, at);
                Assert.Equal(expected.IsAllowed, decision.IsAllowed);
                Assert.Equal(expected.Reasons, decision.Reasons);
                Assert.Equal(expected.Conditions, decision.Conditions);
                Assert.Equal(expected.Notes, decision.Notes);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_OtherTenantScope_NeverAllowed()
    {
        Gen.Select(Subject, AnyPurpose, Moment).Sample((subject, purpose, at) =>
        {
            var scope = TenantScope.Own(OtherThan(subject.Tenant));

            var decision = ConsentPolicy.Decide(subject, purpose, scope, at);

            Assert.False(decision.IsAllowed);
            Assert.Contains(decision.Reasons, r => r is OtherTenant o && o.Owner == subject.Tenant);
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_ExcludedCategoryForTraining_NeverAllowed()
    {
        Gen.Select(Case, TrainingPurpose).Sample((c, purpose) =>
        {
            var (subject, _, scope, at) = c;
            var policy = subject.Policy with { ExcludedFromTraining = new HashSet<WorkCategory>(subject.Policy.ExcludedFromTraining) { subject.Category } };
            // Grant the purpose from every source, and use the most open licence: the exclusion still wins.
            var everything = Enum.GetValues<ConsentSource>()
                .SelectMany(s => new[] { purpose, Purpose.SharedPoolTraining }.Select(p => new ConsentGrant(p, ConsentState.Allowed, Origin, s)));
            var excluded = subject with { Policy = policy, Licence = Licence.Cc0, Grants = [.. subject.Grants, .. everything] };

            var decision = ConsentPolicy.Decide(excluded, purpose, scope, at);

            Assert.False(decision.IsAllowed);
            Assert.Contains(new CategoryExcluded(subject.Category), decision.Reasons);
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_SharedPoolFromTenantOutsidePool_NeverAllowed()
    {
        Gen.Select(Subject, AnyPurpose, Moment).Sample((subject, purpose, at) =>
        {
            var walled = subject with { Policy = subject.Policy with { ContributesToSharedPool = false } };

            var decision = ConsentPolicy.Decide(walled, purpose, TenantScope.SharedPool, at);

            Assert.False(decision.IsAllowed);
            Assert.Contains(new TenantNotInSharedPool(), decision.Reasons);
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_AnyCase_DeniedExactlyWhenReasonsGiven()
    {
        Case.Sample(c =>
        {
            var decision = ConsentPolicy.Decide(c.Subject, c.Purpose, c.Scope, c.At);

            Assert.Equal(decision.Reasons.Count > 0, !decision.IsAllowed);
            if (!decision.IsAllowed)
            {
                Assert.Empty(decision.Conditions);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_SameInputTwice_SameDecision()
    {
        Case.Sample(c =>
        {
            var first = ConsentPolicy.Decide(c.Subject, c.Purpose, c.Scope, c.At);
            var second = ConsentPolicy.Decide(c.Subject, c.Purpose, c.Scope, c.At);

            AssertSameDecision(first, second);
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_GrantsShuffled_SameDecision()
    {
        var gen =
            from c in Case
            let distinct = c.Subject with { Grants = c.Subject.Grants.DistinctBy(g => (g.Purpose, g.Source, g.EffectiveFrom)).ToList() }
            from shuffled in Gen.Shuffle(distinct.Grants.ToArray())
            select (c with { Subject = distinct }, shuffled);

        gen.Sample((c, shuffled) =>
        {
            var original = ConsentPolicy.Decide(c.Subject, c.Purpose, c.Scope, c.At);
            var reordered = ConsentPolicy.Decide(c.Subject with { Grants = shuffled }, c.Purpose, c.Scope, c.At);

            AssertSameDecision(original, reordered);
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_GrantEffectiveAfterMoment_DoesNotChangeDecision()
    {
        Gen.Select(Case, Grant, Gen.Int[1, 600]).Sample((c, grant, minutesLater) =>
        {
            var future = grant with { EffectiveFrom = c.At.AddMinutes(minutesLater) };
            var before = ConsentPolicy.Decide(c.Subject, c.Purpose, c.Scope, c.At);

            var after = ConsentPolicy.Decide(c.Subject with { Grants = [.. c.Subject.Grants, future] }, c.Purpose, c.Scope, c.At);

            AssertSameDecision(before, after);
        }, iter: Iterations);
    }

    [Fact]
    public void DecideAll_AnyCase_MatchesDecidePerPurpose()
    {
        Case.Sample(c =>
        {
            var all = ConsentPolicy.DecideAll(c.Subject, c.Scope, c.At);

            Assert.Equal(Purposes.All.Count, all.Count);
            foreach (var purpose in Purposes.All)
            {
                AssertSameDecision(ConsentPolicy.Decide(c.Subject, purpose, c.Scope, c.At), all[purpose]);
            }
        }, iter: 500);
    }
}
