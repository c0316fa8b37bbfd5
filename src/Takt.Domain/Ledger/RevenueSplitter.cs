using System.Globalization;

namespace Takt.Domain.Ledger;

/// <summary>
/// Splits revenue between parties exactly, in minor units, by the largest-remainder method.
/// </summary>
/// <remarks>
/// Each party's weight follows <see cref="RevenueSplitRule.Formula"/> in <c>decimal</c> and is then
/// rounded half-to-even to <see cref="WeightDecimals"/> places. Those rounded weights, and nothing
/// finer, drive the allocation, so a record holding the amount and the weights lets any tool with
/// big integers check the allocation without reproducing decimal's own 28-digit rounding.
/// <para>
/// A party's quota is <c>amount·w_i / Σw</c>. Dividing by Σw rather than assuming it is 1 keeps
/// the quotas summing to the amount exactly although shares are accepted within
/// <see cref="ShareSumTolerance"/> of 1 and weights are rounded. Each party first gets the floor of
/// its quota; the units left over (always fewer than the parties) go one each to the largest
/// fractional remainders, ties to the key first in ordinal order. The arithmetic is exact
/// (<see cref="Int128"/>), and keys are sorted first, so the same parties give the same result in any order.
/// </para>
/// </remarks>
public static class RevenueSplitter
{
    /// <summary>
    /// Decimal places kept in a weight. 18 places fit a weight in [0, 1] well inside decimal's 28
    /// significant digits; rounding moves a weight by at most 5·10^-19, under a millionth of a
    /// minor unit of quota on amounts up to 10^12 minor units.
    /// </summary>
    public const int WeightDecimals = 18;

    /// <summary>How far from 1 the count or the attribution shares may sum, for shares such as thirds.</summary>
    public const decimal ShareSumTolerance = 0.000000000001m;

    private const long WeightUnit = 1_000_000_000_000_000_000;

    public static SplitResult Split(Money amount, RevenueSplitRule rule, IReadOnlyList<SplitParty> parties)
    {
        if (Validate(amount, parties) is { } problem)
        {
            return new SplitResult { Amount = amount, Rule = rule, Problem = problem };
        }

        var nothingCounted = parties.All(p => p.CountShare == 0m);
        var lambda = nothingCounted ? 0m : rule.Lambda;

        // Ordinal key order fixes both the output order and the tie-break, whatever the input order.
        var ordered = parties.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var units = ordered.Select(p => WeightUnits(lambda, p)).ToArray();
        var total = units.Aggregate(Int128.Zero, (sum, u) => sum + u);
        if (total <= 0)
        {
            // Unreachable after validation: attribution shares sum to about 1, so some weight does too.
            throw new InvalidOperationException("weights sum to zero after validation");
        }

        var minor = new long[ordered.Length];
        var remainders = new Int128[ordered.Length];
        var left = amount.Minor;
        for (var i = 0; i < ordered.Length; i++)
        {
            // amount < 2^63 and units <= 10^18 < 2^60, so the product fits Int128 with room to spare.
            var quota = (Int128)amount.Minor * units[i];
            minor[i] = (long)(quota / total);
            remainders[i] = quota % total;
            left -= minor[i];
        }

        // The remainders sum to left·total and each is below total, so left < parties and only
        // parties with a positive remainder (hence positive weight) are ever topped up.
        foreach (var i in Enumerable.Range(0, ordered.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)left))
        {
            minor[i]++;
        }

        return new SplitResult
        {
            Amount = amount,
            Rule = rule,
            NothingCounted = nothingCounted,
            EffectiveLambda = lambda,
            Allocations = ordered
                .Select((p, i) => new Allocation(p.Key, p.CountShare, p.AttributionShare, ToWeight(units[i]), minor[i]))
                .ToList(),
        };
    }

    // The weight in units of 10^-18, rounded half-to-even. Shares are validated to lie in [0, 1],
    // so the weight does too and the units fit a long.
    private static long WeightUnits(decimal lambda, SplitParty party)
    {
        var weight = (lambda * party.CountShare) + ((1m - lambda) * party.AttributionShare);
        return (long)(decimal.Round(weight, WeightDecimals, MidpointRounding.ToEven) * WeightUnit);
    }

    // Built with an explicit scale so the weight always prints with exactly 18 decimals
    // ("0.500000000000000000"), whatever scale the arithmetic happened to leave.
    private static decimal ToWeight(long units) =>
        new((int)(uint)units, (int)(uint)((ulong)units >> 32), 0, false, WeightDecimals);

    private static string? Validate(Money amount, IReadOnlyList<SplitParty> parties)
    {
        if (amount.Minor < 0)
        {
            return $"cannot split a negative amount ({amount})";
        }

        if (parties.Count == 0)
        {
            return "there are no parties to split between";
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parties.Count; i++)
        {
            var party = parties[i];
            if (string.IsNullOrWhiteSpace(party.Key))
            {
                return $"party {i + 1} has an empty key";
            }

            if (!keys.Add(party.Key))
            {
                return $"party key '{party.Key}' appears more than once";
            }

            // Bounding each share also keeps the sums below from overflowing decimal.
            if ((ShareProblem(party.Key, "count", party.CountShare) ?? ShareProblem(party.Key, "attribution", party.AttributionShare)) is { } problem)
            {
                return problem;
            }
        }

        var counted = parties.Sum(p => p.CountShare);
        if (counted != 0m && Math.Abs(counted - 1m) > ShareSumTolerance)
        {
            return $"count shares sum to {Text(counted)}, not 1 (all zero means nothing was counted)";
        }

        var attributed = parties.Sum(p => p.AttributionShare);
        return Math.Abs(attributed - 1m) > ShareSumTolerance ? $"attribution shares sum to {Text(attributed)}, not 1" : null;
    }

    private static string? ShareProblem(string key, string kind, decimal share) => share switch
    {
        < 0m => $"party '{key}': {kind} share is negative ({Text(share)})",
        > 1m => $"party '{key}': {kind} share is above 1 ({Text(share)})",
        _ => null,
    };

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
