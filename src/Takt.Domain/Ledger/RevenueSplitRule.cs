using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Takt.Domain.Ledger;

/// <summary>
/// How revenue is weighted between parties, recorded with every split so that a ledger entry can
/// be recomputed under the rule it was made with even after the rule changes. Version 1:
/// <c>w_i = λ·countShare_i + (1−λ)·attributionShare_i</c>, where the count share is a party's share
/// of counted uses and the attribution share its share of attribution; λ = 1 pays by use alone,
/// λ = 0 by attribution alone.
/// </summary>
public sealed record RevenueSplitRule
{
    /// <summary>Bumped whenever the formula changes; older versions stay readable, never silently reinterpreted.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The formula of <see cref="CurrentVersion"/>, for records and explanations.</summary>
    public const string Formula = "w_i = λ·countShare_i + (1−λ)·attributionShare_i";

    // A private constructor and get-only properties: every rule in existence passed validation.
    private RevenueSplitRule(int version, decimal lambda)
    {
        Version = version;
        Lambda = lambda;
    }

    public int Version { get; }

    /// <summary>The weight of the count share, in [0, 1].</summary>
    public decimal Lambda { get; }

    /// <summary>A rule of the current version.</summary>
    public static bool TryCreate(decimal lambda, [NotNullWhen(true)] out RevenueSplitRule? rule, [NotNullWhen(false)] out string? problem) =>
        TryCreate(CurrentVersion, lambda, out rule, out problem);

    /// <summary>A rule of a given version, as read back from a record.</summary>
    public static bool TryCreate(int version, decimal lambda, [NotNullWhen(true)] out RevenueSplitRule? rule, [NotNullWhen(false)] out string? problem)
    {
        rule = null;
        if (version != CurrentVersion)
        {
            problem = $"revenue split rule version {version} is unknown; this build knows version {CurrentVersion}";
            return false;
        }

        if (lambda is < 0m or > 1m)
        {
            problem = $"λ must be between 0 and 1 (the weight of the count share against attribution), not {lambda.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        rule = new RevenueSplitRule(version, lambda);
        problem = null;
        return true;
    }

    public override string ToString() =>
        $"revenue split v{Version}, λ = {Lambda.ToString(CultureInfo.InvariantCulture)}";
}
