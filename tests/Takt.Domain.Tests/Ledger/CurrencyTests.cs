using Takt.Domain.Ledger;

namespace Takt.Domain.Tests.Ledger;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("GBP", 2)]
    [InlineData("CNY", 2)]
    [InlineData("TWD", 2)]
    [InlineData("IDR", 2)]
    [InlineData("HUF", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("VND", 0)]
    [InlineData("ISK", 0)]
    [InlineData("CLP", 0)]
    [InlineData("UYI", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("JOD", 3)]
    [InlineData("TND", 3)]
    [InlineData("CLF", 4)]
    public void TryFind_KnownCode_HasIsoMinorDigits(string code, int digits)
    {
        Assert.True(Currency.TryFind(code, out var currency));

        Assert.Equal(code, currency.Code);
        Assert.Equal(digits, currency.MinorDigits);
    }

    [Theory]
    [InlineData("usd", "USD")]
    [InlineData("Jpy", "JPY")]
    [InlineData("kWd", "KWD")]
    public void TryFind_AnyCase_ReturnsCanonicalUpperCase(string code, string expected)
    {
        Assert.True(Currency.TryFind(code, out var currency));

        Assert.Equal(expected, currency.Code);
        Assert.Same(Currency.All.Single(c => c.Code == expected), currency);
    }

    [Theory]
    [InlineData("XXQ")]
    [InlineData("")]
    [InlineData(" USD")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData(null)]
    public void TryFind_UnknownCode_NotFound(string? code)
    {
        Assert.False(Currency.TryFind(code, out var currency));

        Assert.Null(currency);
    }

    [Fact]
    public void All_EveryRequiredCurrency_ListedOnceInCodeOrder()
    {
        string[] required =
        [
            "USD", "EUR", "JPY", "GBP", "CNY", "KRW", "TWD", "HKD", "SGD", "AUD", "CAD", "CHF", "SEK", "NOK", "DKK",
            "NZD", "INR", "BRL", "MXN", "ZAR", "PLN", "CZK", "HUF", "THB", "IDR", "MYR", "PHP", "VND", "ISK", "KWD",
            "BHD", "OMR", "JOD", "TND", "CLP", "UYI",
        ];
        var codes = Currency.All.Select(c => c.Code).ToList();

        Assert.Subset(codes.ToHashSet(StringComparer.Ordinal), required.ToHashSet(StringComparer.Ordinal));
        Assert.Equal(codes.Order(StringComparer.Ordinal).Distinct(StringComparer.Ordinal), codes);
        Assert.All(Currency.All, c => Assert.Matches("^[A-Z]{3}$", c.Code));
        Assert.All(Currency.All, c => Assert.InRange(c.MinorDigits, 0, 4));
    }
}
