using CsCheck;
using Takt.Domain.Ledger;

namespace Takt.Domain.Tests.Ledger;

/// <summary>
/// Generators for revenue splits. Small amounts and small party counts are favoured so that
/// leftover units and remainder ties are common; zero shares are common so zero weights occur.
/// </summary>
public static class LedgerGen
{
    public static Currency Usd => Of("USD");

    /// <summary>Amounts up to 10^15 minor units, often tiny.</summary>
    public static readonly Gen<long> Amount = Gen.Frequency(
        (1, Gen.Long[0, 1_000]),
        (2, Gen.Long[1, 1_000_000_000_000_000]));

    public static readonly Gen<decimal> Lambda = Gen.OneOf(
        Gen.Const(0m),
        Gen.Const(1m),
        Gen.Const(0.5m),
        Gen.Const(1m / 3m),
        Gen.Int[0, 1_000_000].Select(i => i / 1_000_000m));

    public static readonly Gen<RevenueSplitRule> Rule = Lambda.Select(RuleOf);

    /// <summary>Keys over a small alphabet with both letter cases and a non-ASCII letter, so ordinal order matters.</summary>
    public static readonly Gen<string> Key = Gen.Char["aAbBzZ0é-"].Array[1, 5].Select(c => new string(c));

    public static readonly Gen<int> PartyCount = Gen.Frequency((1, Gen.Int[1, 5]), (2, Gen.Int[1, 200]));

    /// <summary>1 to 200 parties with distinct keys; count and attribution shares each sum to 1 within the tolerance.</summary>
    public static readonly Gen<SplitParty[]> Parties = PartyCount.SelectMany(n => Gen.Select(
        Key.ArrayUnique[n],
        Shares(n),
        Shares(n),
        (keys, counts, attributions) => keys.Select((k, i) => new SplitParty(k, counts[i], attributions[i])).ToArray()));

    /// <summary>
    /// n shares from random whole counts, at least one of them positive, each count/total in
    /// decimal; often the largest is then nudged by just under the tolerance, as real shares may be
    /// (just under, because count/total already drifts from 1 in the 28th place).
    /// </summary>
    public static Gen<decimal[]> Shares(int n) => Gen.Select(
        Gen.Frequency((1, Gen.Const(0L)), (3, Gen.Long[1, 1_000]), (1, Gen.Long[1, 1_000_000_000_000])).Array[n].Where(counts => counts.Any(c => c > 0)),
        Gen.Frequency((1, Gen.Const(0)), (1, Gen.Int[-999, 999])),
        (counts, nudge) =>
        {
            var total = (decimal)counts.Sum();
            var shares = counts.Select(c => c / total).ToArray();
            var largest = Array.IndexOf(shares, shares.Max());
            var delta = nudge * (RevenueSplitter.ShareSumTolerance / 1_000m);
            shares[largest] += shares[largest] + delta > 1m ? -Math.Abs(delta) : delta;
            return shares;
        });

    public static Currency Of(string code) =>
        Currency.TryFind(code, out var currency) ? currency : throw new ArgumentException($"unknown currency {code}", nameof(code));

    public static RevenueSplitRule RuleOf(decimal lambda) =>
        RevenueSplitRule.TryCreate(lambda, out var rule, out var problem) ? rule : throw new ArgumentException(problem, nameof(lambda));

    /// <summary>Splits and insists it worked, so properties read as statements about the allocations.</summary>
    public static SplitResult SplitOrFail(long amount, RevenueSplitRule rule, IReadOnlyList<SplitParty> parties)
    {
        var result = RevenueSplitter.Split(new Money(amount, Usd), rule, parties);
        Assert.True(result.Succeeded, result.Problem);
        return result;
    }
}
