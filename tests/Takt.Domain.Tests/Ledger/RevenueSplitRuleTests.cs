using Takt.Domain.Ledger;

namespace Takt.Domain.Tests.Ledger;

public sealed class RevenueSplitRuleTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("0.5")]
    [InlineData("0.3333333333333333333333333333")]
    public void TryCreate_LambdaInUnitInterval_CurrentVersion(string lambda)
    {
        var value = decimal.Parse(lambda, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(RevenueSplitRule.TryCreate(value, out var rule, out var problem));

        Assert.Null(problem);
        Assert.Equal(RevenueSplitRule.CurrentVersion, rule.Version);
        Assert.Equal(1, rule.Version);
        Assert.Equal(value, rule.Lambda);
    }

    [Theory]
    [InlineData("-0.0000000000000000000000000001")]
    [InlineData("-1")]
    [InlineData("1.0000000000000000000000000001")]
    [InlineData("2")]
    public void TryCreate_LambdaOutsideUnitInterval_Problem(string lambda)
    {
        var value = decimal.Parse(lambda, System.Globalization.CultureInfo.InvariantCulture);

        Assert.False(RevenueSplitRule.TryCreate(value, out var rule, out var problem));

        Assert.Null(rule);
        Assert.Equal($"λ must be between 0 and 1 (the weight of the count share against attribution), not {lambda}", problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void TryCreate_UnknownVersion_Problem(int version)
    {
        Assert.False(RevenueSplitRule.TryCreate(version, 0.5m, out _, out var problem));

        Assert.Contains($"version {version} is unknown", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Formula_CurrentVersion_DocumentsTheWeight()
    {
        Assert.Equal("w_i = λ·countShare_i + (1−λ)·attributionShare_i", RevenueSplitRule.Formula);
    }
}
