using System.Globalization;
using System.Text.RegularExpressions;

namespace Takt.Provenance.Ledger;

/// <summary>Periods as accountants write them: a year ("2026"), a quarter ("2026-Q4") or a month ("2026-10").</summary>
public static partial class RevenuePeriods
{
    public static bool IsValid(string? period) =>
        period is not null && Pattern().Match(period) is { Success: true } m
        && int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) is >= 1900 and <= 9999
        && (!m.Groups["month"].Success || int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture) is >= 1 and <= 12);

    /// <summary>Whether an entry's period falls within a statement's: the same, or a month/quarter inside a year, or a month inside a quarter.</summary>
    public static bool Within(string entry, string statement)
    {
        if (entry == statement)
        {
            return true;
        }

        if (statement.Length == 4)
        {
            return entry.StartsWith(statement + "-", StringComparison.Ordinal);
        }

        if (statement.Length == 7 && statement[5] == 'Q' && entry.Length == 7 && entry[5] != 'Q' && entry[..4] == statement[..4])
        {
            var month = int.Parse(entry[5..], CultureInfo.InvariantCulture);
            return (month + 2) / 3 == statement[6] - '0';
        }

        return false;
    }

    [GeneratedRegex("^(?<year>[0-9]{4})(-(Q[1-4]|(?<month>[0-9]{2})))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
