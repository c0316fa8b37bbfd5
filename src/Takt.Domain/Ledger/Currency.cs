using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Takt.Domain.Ledger;

/// <summary>
/// An ISO 4217 currency: its alphabetic code and how many minor-unit digits it has (2 for USD,
/// 0 for JPY, 3 for KWD). Only currencies in <see cref="All"/> exist, so a ledger can never hold
/// an amount in a code nobody knows how to round.
/// </summary>
public sealed record Currency
{
    // Get-only properties and a private constructor: a `with` expression cannot invent a currency
    // with the wrong number of minor digits.
    private Currency(string code, int minorDigits)
    {
        Code = code;
        MinorDigits = minorDigits;
    }

    /// <summary>The ISO 4217 alphabetic code, upper case.</summary>
    public string Code { get; }

    /// <summary>ISO 4217 minor-unit digits: amounts are whole multiples of 10^-MinorDigits.</summary>
    public int MinorDigits { get; }

    /// <summary>The active ISO 4217 currencies the ledger accepts, by code.</summary>
    public static IReadOnlyList<Currency> All { get; } =
    [
        // Minor units as ISO 4217 lists them, not as people round in practice: ISO keeps 2 for IDR,
        // HUF and TWD even though cash has no subunit, and ledgers must agree with banks' files.
        new("AED", 2), new("ARS", 2), new("AUD", 2), new("BDT", 2), new("BHD", 3), new("BIF", 0),
        new("BRL", 2), new("CAD", 2), new("CHF", 2), new("CLF", 4), new("CLP", 0), new("CNY", 2),
        new("COP", 2), new("CZK", 2), new("DJF", 0), new("DKK", 2), new("EGP", 2), new("EUR", 2),
        new("GBP", 2), new("GNF", 0), new("HKD", 2), new("HUF", 2), new("IDR", 2), new("ILS", 2),
        new("INR", 2), new("IQD", 3), new("ISK", 0), new("JOD", 3), new("JPY", 0), new("KES", 2),
        new("KMF", 0), new("KRW", 0), new("KWD", 3), new("LKR", 2), new("LYD", 3), new("MXN", 2),
        new("MYR", 2), new("NGN", 2), new("NOK", 2), new("NZD", 2), new("OMR", 3), new("PEN", 2),
        new("PHP", 2), new("PKR", 2), new("PLN", 2), new("PYG", 0), new("QAR", 2), new("RON", 2),
        new("RWF", 0), new("SAR", 2), new("SEK", 2), new("SGD", 2), new("THB", 2), new("TND", 3),
        new("TRY", 2), new("TWD", 2), new("UAH", 2), new("UGX", 0), new("USD", 2), new("UYI", 0),
        new("UYU", 2), new("UYW", 4), new("VND", 0), new("VUV", 0), new("XAF", 0), new("XOF", 0),
        new("XPF", 0), new("ZAR", 2),
    ];

    private static readonly FrozenDictionary<string, Currency> ByCode =
        All.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Finds a currency by its code in any letter case, returning the canonical upper-case one.
    /// Surrounding whitespace is not trimmed: a code is exactly three letters.
    /// </summary>
    public static bool TryFind(string? code, [NotNullWhen(true)] out Currency? currency)
    {
        currency = null;
        return code is not null && ByCode.TryGetValue(code, out currency);
    }

    public override string ToString() => Code;
}
