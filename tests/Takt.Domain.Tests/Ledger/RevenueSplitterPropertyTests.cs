using CsCheck;
using Takt.Domain.Ledger;
using static Takt.Domain.Tests.Ledger.LedgerGen;

namespace Takt.Domain.Tests.Ledger;

/// <summary>Invariants of <see cref="RevenueSplitter.Split"/> over random amounts, rules and parties.</summary>
public sealed class RevenueSplitterPropertyTests
{
    private const long Iterations = 3_000;

    [Fact]
    public void Split_AnyParties_AllocationsSumExactlyToAmount()
    {
        Gen.Select(Amount, Rule, Parties).Sample((amount, rule, parties) =>
        {
            var result = SplitOrFail(amount, rule, parties);

            Assert.Equal(amount, result.Allocations.Sum(a => a.Minor));
            Assert.All(result.Allocations, a => Assert.True(a.Minor >= 0));
            Assert.Equal(parties.Length, result.Allocations.Count);
            Assert.Equal(parties.Select(p => p.Key).Order(StringComparer.Ordinal), result.Allocations.Select(a => a.Key));
        }, iter: Iterations);
    }

    [Fact]
    public void Split_AnyParties_EachAllocationWithinOneUnitOfItsQuota()
    {
        Gen.Select(Amount, Rule, Parties).Sample((amount, rule, parties) =>
        {
            var result = SplitOrFail(amount, rule, parties);
            var units = result.Allocations.Select(a => (Int128)(a.Weight * 1_000_000_000_000_000_000m)).ToArray();
            var total = units.Aggregate(Int128.Zero, (sum, u) => sum + u);
            var exactWeights = result.Allocations
                .Select(a => (result.EffectiveLambda * a.CountShare) + ((1m - result.EffectiveLambda) * a.AttributionShare))
                .ToArray();
            var exactTotal = exactWeights.Sum();

            foreach (var (allocation, weightUnits, exactWeight) in result.Allocations.Zip(units, exactWeights))
            {
                // Against the exact quota of the recorded weights: the floor, or one more.
                var quota = amount * weightUnits;
                var floor = (long)(quota / total);
                Assert.InRange(allocation.Minor, floor, quota % total == 0 ? floor : floor + 1);

                // Against the unrounded formula (normalised, as shares may sum to 1 only within the
                // tolerance): also within one unit, give or take the weights' rounding to 18 places.
                var ideal = amount * exactWeight / exactTotal;
                var slack = amount * parties.Length * 0.000000000000000001m;
                Assert.True(Math.Abs(allocation.Minor - ideal) < 1m + slack, $"{allocation} vs {ideal}");
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Split_PartiesShuffled_IdenticalResult()
    {
        var gen =
            from amount in Amount
            from rule in Rule
            from parties in Parties
            from shuffled in Gen.Shuffle(parties.ToArray())
            select (amount, rule, parties, shuffled);

        gen.Sample((amount, rule, parties, shuffled) =>
        {
            var original = SplitOrFail(amount, rule, parties);
            var reordered = SplitOrFail(amount, rule, shuffled);

            Assert.Equal(original.Allocations, reordered.Allocations);
            Assert.Equal(original.EffectiveLambda, reordered.EffectiveLambda);
        }, iter: Iterations);
    }

    [Fact]
    public void Split_LambdaOne_FollowsCountSharesOnly()
    {
        var gen =
            from amount in Amount
            from parties in Parties
            from otherAttribution in Shares(parties.Length)
            select (amount, parties, otherAttribution);

        gen.Sample((amount, parties, otherAttribution) =>
        {
            var byCount = RuleOf(1m);
            var reattributed = parties.Select((p, i) => p with { AttributionShare = otherAttribution[i] }).ToArray();

            var result = SplitOrFail(amount, byCount, parties);
            var other = SplitOrFail(amount, byCount, reattributed);

            Assert.Equal(result.Allocations.Select(a => a.Minor), other.Allocations.Select(a => a.Minor));
            Assert.All(result.Allocations, a => Assert.Equal(decimal.Round(a.CountShare, RevenueSplitter.WeightDecimals), a.Weight));
            Assert.All(result.Allocations.Where(a => a.CountShare == 0m), a => Assert.Equal(0, a.Minor));
        }, iter: Iterations);
    }

    [Fact]
    public void Split_NothingCounted_SameAsAttributionOnly()
    {
        Gen.Select(Amount, Rule, Parties).Sample((amount, rule, parties) =>
        {
            var uncounted = parties.Select(p => p with { CountShare = 0m }).ToArray();

            var result = SplitOrFail(amount, rule, uncounted);
            var attributionOnly = SplitOrFail(amount, RuleOf(0m), parties);

            Assert.True(result.NothingCounted);
            Assert.Equal(0m, result.EffectiveLambda);
            Assert.Same(rule, result.Rule);
            Assert.Equal(attributionOnly.Allocations.Select(a => (a.Weight, a.Minor)), result.Allocations.Select(a => (a.Weight, a.Minor)));
        }, iter: Iterations);
    }

    [Fact]
    public void Split_ZeroWeightPartiesAdded_GetZeroAndChangeNothingElse()
    {
        var gen =
            from amount in Amount
            from rule in Rule
            from parties in Parties
            from extra in Key.ArrayUnique[1, 10]
            select (amount, rule, parties, extra);

        gen.Sample((amount, rule, parties, extra) =>
        {
            // '~' is outside the key alphabet, so these keys are new; they sort among the others.
            var zeros = extra.Select(k => new SplitParty("~" + k, 0m, 0m));
            var widened = parties.Concat(zeros).ToArray();

            var before = SplitOrFail(amount, rule, parties);
            var after = SplitOrFail(amount, rule, widened);

            var added = after.Allocations.Where(a => a.Key.StartsWith('~')).ToList();
            Assert.Equal(extra.Length, added.Count);
            Assert.All(added, a => Assert.Equal((0m, 0L), (a.Weight, a.Minor)));
            Assert.Equal(before.Allocations, after.Allocations.Where(a => !a.Key.StartsWith('~')));
        }, iter: Iterations);
    }

    [Fact]
    public void Split_WholeQuotas_EachPartyGetsExactlyItsQuota()
    {
        // Shares in thousandths and λ in millionths make every weight a multiple of 10^-9, so an
        // amount that is a multiple of 10^9 has whole quotas, which must be paid exactly.
        var thousandths =
            from n in Gen.Int[1, 50]
            from cuts in Gen.Int[0, 1_000].Array[n - 1]
            let bounds = cuts.Order().Prepend(0).Append(1_000).ToArray()
            select bounds.Zip(bounds.Skip(1), (lo, hi) => (hi - lo) / 1_000m).ToArray();
        var gen =
            from counts in thousandths
            from attributions in Gen.Shuffle(counts.ToArray())
            from keys in Key.ArrayUnique[counts.Length]
            from lambda in Gen.Int[0, 1_000_000]
            from multiple in Gen.Long[0, 1_000_000]
            select (counts, attributions, keys, lambda / 1_000_000m, multiple * 1_000_000_000);

        gen.Sample((counts, attributions, keys, lambda, amount) =>
        {
            var parties = keys.Select((k, i) => new SplitParty(k, counts[i], attributions[i])).ToArray();

            var result = SplitOrFail(amount, RuleOf(lambda), parties);

            Assert.All(result.Allocations, a => Assert.Equal(amount * ((lambda * a.CountShare) + ((1m - lambda) * a.AttributionShare)), a.Minor));
        }, iter: Iterations);
    }

    [Fact]
    public void Split_AmountScaled_AllocationsScaleWithinRounding()
    {
        // Largest remainder is not monotone in the amount (the Alabama paradox), but scaling the
        // amount by k moves each allocation at most k units from k times the original.
        Gen.Select(Gen.Long[0, 1_000_000_000], Gen.Int[2, 1_000], Rule, Parties).Sample((amount, k, rule, parties) =>
        {
            var once = SplitOrFail(amount, rule, parties);
            var scaled = SplitOrFail(amount * k, rule, parties);

            foreach (var (a, b) in once.Allocations.Zip(scaled.Allocations))
            {
                Assert.InRange(b.Minor - (k * a.Minor), -k, k);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Split_AnyParties_WeightsHaveEighteenDecimalsAndFollowTheFormula()
    {
        Gen.Select(Rule, Parties).Sample((rule, parties) =>
        {
            var result = SplitOrFail(1, rule, parties);

            foreach (var a in result.Allocations)
            {
                var exact = (result.EffectiveLambda * a.CountShare) + ((1m - result.EffectiveLambda) * a.AttributionShare);
                Assert.Equal(RevenueSplitter.WeightDecimals, a.Weight.Scale);
                Assert.Equal(decimal.Round(exact, RevenueSplitter.WeightDecimals, MidpointRounding.ToEven), a.Weight);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Split_AttributionOffByMoreThanTolerance_ProblemNotException()
    {
        // Generated shares may already be off by up to the tolerance, so move one by at least three times it.
        var gen = Gen.Select(Rule, Parties, Gen.Int[3, 1_000_000].Select(i => i * RevenueSplitter.ShareSumTolerance), Gen.Bool);
        gen.Sample((rule, parties, offset, up) =>
        {
            var first = parties[0];
            var shifted = up ? first.AttributionShare + offset : first.AttributionShare - offset;
            var broken = parties.Skip(1).Prepend(first with { AttributionShare = shifted }).ToArray();

            var result = RevenueSplitter.Split(new Money(100, Usd), rule, broken);

            Assert.False(result.Succeeded);
            Assert.Empty(result.Allocations);
            var expected = shifted switch
            {
                < 0m => "attribution share is negative",
                > 1m => "attribution share is above 1",
                _ => "attribution shares sum to",
            };
            Assert.Contains(expected, result.Problem, StringComparison.Ordinal);
        }, iter: Iterations);
    }
}
