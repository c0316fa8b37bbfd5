using Takt.Domain.Ledger;
using static Takt.Domain.Tests.Ledger.LedgerGen;

namespace Takt.Domain.Tests.Ledger;

public sealed class RevenueSplitterExampleTests
{
    private static readonly decimal Third = 1m / 3m;

    [Fact]
    public void Split_HundredDollarsInThirds_ExtraCentToFirstKeyInOrdinalOrder()
    {
        Assert.True(Money.TryParse("100.00", Of("USD"), out var amount, out _));
        SplitParty[] parties = [new("carol", Third, Third), new("alice", Third, Third), new("bob", Third, Third)];

        var result = RevenueSplitter.Split(amount, RuleOf(0.5m), parties);

        Assert.True(result.Succeeded);
        Assert.Equal([("alice", 3_334L), ("bob", 3_333L), ("carol", 3_333L)], result.Allocations.Select(a => (a.Key, a.Minor)));
        Assert.All(result.Allocations, a => Assert.Equal("0.333333333333333333", a.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(0.5m, result.Rule.Lambda);
        Assert.Equal(amount, result.Amount);
    }

    [Fact]
    public void Split_TiedRemainders_OrdinalNotCultureOrder()
    {
        // Ordinal: upper case before lower case, so "Zoe" precedes "alice" and takes the extra unit.
        SplitParty[] parties = [new("alice", 0.5m, 0.5m), new("Zoe", 0.5m, 0.5m)];

        var result = SplitOrFail(1, RuleOf(1m), parties);

        Assert.Equal([("Zoe", 1L), ("alice", 0L)], result.Allocations.Select(a => (a.Key, a.Minor)));
    }

    [Fact]
    public void Split_LargestRemainderWins_NotKeyOrder()
    {
        // Quotas 0.6 (a), 2.2 (b), 2.2 (c) for 5 units: floors 0, 2, 2 leave one unit for a.
        SplitParty[] parties = [new("a", 0.12m, 0m), new("b", 0.44m, 0m), new("c", 0.44m, 1m)];

        var result = SplitOrFail(5, RuleOf(1m), parties);

        Assert.Equal([1L, 2L, 2L], result.Allocations.Select(a => a.Minor));
    }

    [Fact]
    public void Split_WeightsMixCountAndAttribution_ByLambda()
    {
        SplitParty[] parties = [new("a", 1m, 0m), new("b", 0m, 1m)];

        var result = SplitOrFail(1_000, RuleOf(0.25m), parties);

        Assert.Equal([(0.25m, 250L), (0.75m, 750L)], result.Allocations.Select(a => (a.Weight, a.Minor)));
        Assert.False(result.NothingCounted);
        Assert.Equal(0.25m, result.EffectiveLambda);
    }

    [Fact]
    public void Split_NothingCounted_AttributionOnlyAndRecorded()
    {
        SplitParty[] parties = [new("a", 0m, 0.2m), new("b", 0m, 0.8m)];

        var result = SplitOrFail(1_000, RuleOf(1m), parties);

        Assert.True(result.NothingCounted);
        Assert.Equal(0m, result.EffectiveLambda);
        Assert.Equal(1m, result.Rule.Lambda);
        Assert.Equal([200L, 800L], result.Allocations.Select(a => a.Minor));
    }

    [Fact]
    public void Split_SharesWithinTolerance_StillSumExactly()
    {
        // Both kinds of shares sum to 1 + 10^-12: accepted, and normalised so no unit is made up.
        SplitParty[] parties = [new("a", 0.500000000001m, 0.500000000001m), new("b", 0.5m, 0.5m)];

        var result = SplitOrFail(1_000_000_000_000_000, RuleOf(0.5m), parties);

        Assert.Equal(1_000_000_000_000_000, result.Allocations.Sum(a => a.Minor));
    }

    [Fact]
    public void Split_ZeroAmount_EveryoneGetsZero()
    {
        var result = SplitOrFail(0, RuleOf(0.5m), [new SplitParty("a", 1m, 1m)]);

        Assert.Equal(0, Assert.Single(result.Allocations).Minor);
    }

    public static TheoryData<SplitParty[], string> InvalidParties => new()
    {
        { [], "there are no parties to split between" },
        { [new("a", 1m, 1m), new("", 0m, 0m)], "party 2 has an empty key" },
        { [new("  ", 1m, 1m)], "party 1 has an empty key" },
        { [new("a", 0.5m, 0.5m), new("a", 0.5m, 0.5m)], "party key 'a' appears more than once" },
        { [new("a", -0.5m, 0.5m), new("b", 1.5m, 0.5m)], "party 'a': count share is negative (-0.5)" },
        { [new("a", 0.5m, 1.5m), new("b", 0.5m, -0.5m)], "party 'a': attribution share is above 1 (1.5)" },
        { [new("a", 0.5m, 0.5m), new("b", 0.4m, 0.5m)], "count shares sum to 0.9, not 1 (all zero means nothing was counted)" },
        { [new("a", 0.5m, 0.5m), new("b", 0.5m, 0.499999999998m)], "attribution shares sum to 0.999999999998, not 1" },
        { [new("a", 1m, 0m), new("b", 0m, 0m)], "attribution shares sum to 0, not 1" },
        { [new("a", decimal.MaxValue, 1m)], "party 'a': count share is above 1 (79228162514264337593543950335)" },
    };

    [Theory]
    [MemberData(nameof(InvalidParties))]
    public void Split_InvalidParties_ProblemNotException(SplitParty[] parties, string expected)
    {
        var result = RevenueSplitter.Split(new Money(100, Usd), RuleOf(0.5m), parties);

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Problem);
        Assert.Empty(result.Allocations);
    }

    [Fact]
    public void Split_NegativeAmount_Problem()
    {
        var result = RevenueSplitter.Split(new Money(-1, Usd), RuleOf(0.5m), [new SplitParty("a", 1m, 1m)]);

        Assert.Equal("cannot split a negative amount (-0.01 USD)", result.Problem);
    }
}
