using CsCheck;
using Takt.Domain.Ledger;
using static Takt.Domain.Tests.Ledger.LedgerGen;

namespace Takt.Domain.Tests.Ledger;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("1234.50", "USD", 123_450, "1234.50 USD")]
    [InlineData("1234.5", "USD", 123_450, "1234.50 USD")]
    [InlineData("1234", "USD", 123_400, "1234.00 USD")]
    [InlineData("0.01", "USD", 1, "0.01 USD")]
    [InlineData("007.10", "EUR", 710, "7.10 EUR")]
    [InlineData("  12.50\t", "GBP", 1_250, "12.50 GBP")]
    [InlineData("12", "JPY", 12, "12 JPY")]
    [InlineData("1.234", "KWD", 1_234, "1.234 KWD")]
    [InlineData("0.005", "KWD", 5, "0.005 KWD")]
    [InlineData("1.2345", "CLF", 12_345, "1.2345 CLF")]
    [InlineData("92233720368547758.07", "USD", long.MaxValue, "92233720368547758.07 USD")]
    [InlineData("9223372036854775807", "JPY", long.MaxValue, "9223372036854775807 JPY")]
    public void TryParse_PlainDecimal_ExactMinorUnits(string text, string code, long minor, string formatted)
    {
        Assert.True(Money.TryParse(text, Of(code), out var money, out var problem), problem);

        Assert.Null(problem);
        Assert.Equal(new Money(minor, Of(code)), money);
        Assert.Equal(formatted, money.ToString());
    }

    [Fact]
    public void TryParse_JpyWithDecimal_RejectedNamingTheDecimals()
    {
        Assert.False(Money.TryParse("12.5", Of("JPY"), out _, out var problem));

        Assert.Equal("JPY has no minor unit; 12.5 has 1 decimal", problem);
    }

    [Fact]
    public void TryParse_MoreDecimalsThanCurrency_RejectedNamingTheDecimals()
    {
        Assert.False(Money.TryParse("1.234", Of("USD"), out _, out var problem));

        Assert.Equal("USD has 2 decimals; 1.234 has 3 decimals", problem);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData(null, "empty")]
    [InlineData("-5", "negative")]
    [InlineData("-0.01", "negative")]
    [InlineData("0", "zero")]
    [InlineData("0.00", "zero")]
    [InlineData("1e3", "exponent")]
    [InlineData("1E-2", "exponent")]
    [InlineData("NaN", "not a finite amount")]
    [InlineData("Infinity", "not a finite amount")]
    [InlineData("+Infinity", "not a finite amount")]
    [InlineData("1,000.00", "separator")]
    [InlineData("12,50", "separator")]
    [InlineData("1_000", "separator")]
    [InlineData("1'000", "separator")]
    [InlineData("1 000", "whitespace")]
    [InlineData("1\u00a0000", "whitespace")]
    [InlineData("+5", "not a plain decimal amount")]
    [InlineData(".5", "not a plain decimal amount")]
    [InlineData("5.", "not a plain decimal amount")]
    [InlineData("1.2.3", "not a plain decimal amount")]
    [InlineData("0x10", "not a plain decimal amount")]
    [InlineData("١٢", "not a plain decimal amount")]
    [InlineData("$5", "not a plain decimal amount")]
    [InlineData("92233720368547758.08", "too large")]
    [InlineData("100000000000000000000000", "too large")]
    public void TryParse_NotPositivePlainDecimal_RejectedWithProblem(string? text, string expected)
    {
        Assert.False(Money.TryParse(text, Of("USD"), out _, out var problem));

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-50, "USD", "-0.50 USD")]
    [InlineData(0, "KWD", "0.000 KWD")]
    [InlineData(long.MinValue, "USD", "-92233720368547758.08 USD")]
    [InlineData(-7, "JPY", "-7 JPY")]
    public void ToString_AnyMinor_ExactlyTheCurrencyDigits(long minor, string code, string expected)
    {
        Assert.Equal(expected, new Money(minor, Of(code)).ToString());
    }

    [Fact]
    public void TryParse_FormattedPositiveMoney_RoundTrips()
    {
        Gen.Select(Gen.Long[1, long.MaxValue], Gen.Int[0, Currency.All.Count - 1]).Sample((minor, index) =>
        {
            var money = new Money(minor, Currency.All[index]);
            var text = money.ToString()[..^4];

            Assert.True(Money.TryParse(text, money.Currency, out var parsed, out var problem), problem);
            Assert.Equal(money, parsed);
        }, iter: 3_000);
    }

    [Fact]
    public void TryParse_ArbitraryText_NeverThrowsAndAcceptsOnlyWhatItFormats()
    {
        Gen.Select(Gen.String["0123456789.-+eE, x"], Gen.Int[0, Currency.All.Count - 1]).Sample((text, index) =>
        {
            var currency = Currency.All[index];

            if (Money.TryParse(text, currency, out var money, out var problem))
            {
                Assert.Null(problem);
                Assert.True(money.Minor > 0);
                Assert.True(Money.TryParse(money.ToString()[..^4], currency, out var again, out _));
                Assert.Equal(money, again);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(problem));
            }
        }, iter: 5_000);
    }
}
